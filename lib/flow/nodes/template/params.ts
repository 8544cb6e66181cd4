import { type TemplateParams, templateVariables } from "@/lib/contacts/templates";
import type { TemplateNodeData } from "./schema";

/** The send's params from the node's values, each passed through `fill` (the flow's `{{…}}` rendering). */
export function nodeTemplateParams(data: TemplateNodeData, fill: (text: string) => string): TemplateParams | null {
  if (!data.template) return null;
  const vars = templateVariables(data.template);
  const params: TemplateParams = { body: vars.body.map((_, i) => fill(data.body[i] ?? "")) };
  if (vars.header?.format === "text" && vars.header.variables.length > 0) params.header = { text: fill(data.header ?? "") };
  if (vars.header?.format === "media") {
    // A library file not chosen yet sends nothing (publishing refuses it): an empty link is "missing".
    const libraryId = data.headerMedia?.libraryId;
    params.header = data.headerMedia ? (libraryId ? { kind: vars.header.kind, libraryId } : { kind: vars.header.kind, url: "" }) : { kind: vars.header.kind, url: fill(data.header ?? "") };
  }
  if (vars.buttons.length > 0) params.buttons = vars.buttons.map((b) => ({ index: b.index, text: fill(data.buttons.find((x) => x.index === b.index)?.text ?? "") }));
  return params;
}

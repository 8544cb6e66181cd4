import { templateVariables } from "@/lib/contacts/templates";
import { type NodeLint, at } from "../lint-kit";
import { lintMediaSource } from "../media-source";
import { DEFAULT_HANDLE } from "../shared";
import type { TemplateNode } from "./schema";

export const templateLint: NodeLint<TemplateNode> = {
  lint(node, scope) {
    const { r, collect, templates } = scope;
    const template = node.data.template;
    if (!template) {
      r.error("template_missing", at(node.id, "data.template"));
      return;
    }
    const key = `${template.name}/${template.language}`;
    if (templates) {
      const status = templates.get(key);
      if (!status) r.error("template_unknown", at(node.id, "data.template"), { name: template.name, language: template.language });
      else if (status !== "APPROVED") r.error("template_not_approved", at(node.id, "data.template"), { name: template.name, status });
    }
    const vars = templateVariables(template);
    const need = vars.body.length;
    const filled = node.data.body.slice(0, need).filter((v) => v.trim()).length;
    if (filled < need || node.data.body.length > need) r.error("template_variables", at(node.id, "data.body"), { expected: need, given: filled });
    for (const [i, v] of node.data.body.entries()) collect(v, at(node.id, `data.body.${i}`));
    if (vars.header?.format === "media" && node.data.headerMedia) {
      // The header's file from the media library: checked like any library file a flow sends.
      lintMediaSource(scope, node.id, "data.headerMedia", { kind: vars.header.kind, url: "", libraryId: node.data.headerMedia.libraryId });
    } else if ((vars.header?.format === "text" && vars.header.variables.length > 0) || vars.header?.format === "media") {
      if (!node.data.header?.trim()) r.error("template_variables", at(node.id, "data.header"), { expected: need + 1, given: filled });
      collect(node.data.header, at(node.id, "data.header"));
    }
    for (const b of vars.buttons) {
      const text = node.data.buttons.find((x) => x.index === b.index)?.text;
      if (!text?.trim()) r.error("template_variables", at(node.id, `data.buttons.${b.index}`), { expected: need, given: filled });
      collect(text, at(node.id, `data.buttons.${b.index}`));
    }
  },
  deadEnds(node, has, r) {
    if (!has(DEFAULT_HANDLE)) r.warn("flow_stops_here", { nodeId: node.id });
  },
};

import { isMediaHeaderParam, type TemplateParams } from "./params";
import { bodyOf, buttonsOf, footerOf, headerOf, type HeaderMediaKind, type TemplateLike } from "./schema";
import { templateVariables } from "./variables";

export type TemplatePreviewButton = { type: "quick_reply" | "url" | "phone_number" | "other"; text: string; url?: string; phoneNumber?: string };

/** A template as the customer sees it, with the parameters filled in (unfilled ones stay `{{n}}`). */
export type TemplatePreview = {
  header: { text: string } | { kind: HeaderMediaKind; url?: string } | { kind: "location" } | null;
  body: string;
  footer: string | null;
  buttons: TemplatePreviewButton[];
};

function fill(text: string, names: string[], values: (string | undefined)[]): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const i = names.indexOf(name);
    const value = i >= 0 ? values[i] : undefined;
    return value !== undefined && value !== "" ? value : whole;
  });
}

/** The parts of a template as shown (desk preview, simulator bubble). */
export function templatePreview(template: TemplateLike, params: Partial<TemplateParams> = {}): TemplatePreview {
  const vars = templateVariables(template);
  const header = headerOf(template);
  let previewHeader: TemplatePreview["header"] = null;
  if (vars.header?.format === "text") {
    const given = params.header && !isMediaHeaderParam(params.header) ? params.header.text : undefined;
    previewHeader = { text: fill(header?.text ?? "", vars.header.variables, [given]) };
  } else if (vars.header?.format === "media") {
    previewHeader = { kind: vars.header.kind, ...(isMediaHeaderParam(params.header) && params.header.url ? { url: params.header.url } : {}) };
  } else if (vars.header?.format === "location") previewHeader = { kind: "location" };

  const body = fill(bodyOf(template)?.text ?? "", vars.body, params.body ?? []);
  const buttons = buttonsOf(template).map((button, index): TemplatePreviewButton => {
    const text = String(button.text ?? "");
    if (button.type === "QUICK_REPLY") return { type: "quick_reply", text };
    if (button.type === "URL" && typeof button.url === "string") {
      const vb = vars.buttons.find((b) => b.index === index);
      const given = params.buttons?.find((b) => b.index === index)?.text;
      return { type: "url", text, url: vb ? fill(button.url, vb.variables, [given]) : button.url };
    }
    if (button.type === "PHONE_NUMBER") return { type: "phone_number", text, phoneNumber: String(button.phone_number ?? "") };
    return { type: "other", text };
  });
  return { header: previewHeader, body, footer: footerOf(template)?.text ?? null, buttons };
}

export type MediaLabels = Record<HeaderMediaKind | "location", string>;

const MEDIA_LABEL: MediaLabels = { image: "[Image]", video: "[Video]", document: "[Document]", location: "[Location]" };

/**
 * The template as one text, for the transcript and exports: header, body, footer and buttons
 * on their own lines (`*header*`, `_footer_`, `[button]`, WhatsApp's own emphasis marks).
 * A media header is a placeholder line: the stored text keeps the English one; a UI passes its
 * reader's (`templates.mediaLabels`).
 */
export function renderTemplatePreview(template: TemplateLike, params: Partial<TemplateParams> = {}, mediaLabels: MediaLabels = MEDIA_LABEL): string {
  const p = templatePreview(template, params);
  const lines: string[] = [];
  if (p.header) lines.push("text" in p.header ? `*${p.header.text}*` : mediaLabels[p.header.kind]);
  if (p.body) lines.push(p.body);
  if (p.footer) lines.push(`_${p.footer}_`);
  if (p.buttons.length > 0) lines.push(p.buttons.map((b) => `[${b.text}]`).join(" "));
  return lines.join("\n");
}

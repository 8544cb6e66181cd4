import { isMediaHeaderParam, type TemplateParams } from "./params";
import type { HeaderMediaKind, TemplateLike } from "./schema";
import { templateVariables } from "./variables";

export type TemplateMediaObject = { link?: string; id?: string; filename?: string };
export type TemplateTextParameter = { type: "text"; text: string; parameter_name?: string };
export type TemplateMediaParameter =
  | { type: "image"; image: TemplateMediaObject }
  | { type: "video"; video: TemplateMediaObject }
  | { type: "document"; document: TemplateMediaObject };

export type TemplateSendComponent =
  | { type: "header"; parameters: (TemplateTextParameter | TemplateMediaParameter)[] }
  | { type: "body"; parameters: TemplateTextParameter[] }
  | { type: "button"; sub_type: "url"; index: string; parameters: { type: "text"; text: string }[] };

/** The `template` object of a Graph API send (`{type: "template", template: …}`). */
export type TemplateSendPayload = {
  name: string;
  language: { code: string };
  components?: TemplateSendComponent[];
};

function mediaParameter(kind: HeaderMediaKind, object: TemplateMediaObject): TemplateMediaParameter {
  switch (kind) {
    case "image":
      return { type: "image", image: object };
    case "video":
      return { type: "video", video: object };
    case "document":
      return { type: "document", document: object };
  }
}

/**
 * The Graph API `template` payload for a send. Call `checkTemplateParameters` first: this
 * builds what it is given and does not refuse. A media header given as a library file gets an
 * empty media object (`filename` kept), which the sender fills with the id of its upload
 * (lib/media/outbound.ts `sendByIdBody`).
 */
export function buildTemplateMessage(template: TemplateLike, params: TemplateParams): TemplateSendPayload {
  const vars = templateVariables(template);
  const components: TemplateSendComponent[] = [];

  if (vars.header?.format === "text" && vars.header.variables.length > 0 && params.header && !isMediaHeaderParam(params.header)) {
    const parameter: TemplateTextParameter = { type: "text", text: params.header.text };
    if (vars.named) parameter.parameter_name = vars.header.variables[0]!;
    components.push({ type: "header", parameters: [parameter] });
  } else if (vars.header?.format === "media" && isMediaHeaderParam(params.header)) {
    const h = params.header;
    const object: TemplateMediaObject = h.mediaId ? { id: h.mediaId } : h.url ? { link: h.url } : {};
    if (h.filename && h.kind === "document") object.filename = h.filename;
    components.push({ type: "header", parameters: [mediaParameter(h.kind, object)] });
  }

  if (vars.body.length > 0) {
    components.push({
      type: "body",
      parameters: vars.body.map((name, i) => {
        const parameter: TemplateTextParameter = { type: "text", text: params.body[i] ?? "" };
        if (vars.named) parameter.parameter_name = name;
        return parameter;
      }),
    });
  }

  for (const button of vars.buttons) {
    const given = params.buttons?.find((b) => b.index === button.index);
    components.push({ type: "button", sub_type: "url", index: String(button.index), parameters: [{ type: "text", text: given?.text ?? "" }] });
  }

  const payload: TemplateSendPayload = { name: template.name, language: { code: template.language } };
  if (components.length > 0) payload.components = components;
  return payload;
}

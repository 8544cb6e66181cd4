import { buildTemplateMessage, checkTemplateParameters, libraryHeaderOf, renderTemplatePreview, type TemplateParams, templateVariables, type TemplateLike } from "@/lib/contacts/templates";
import type { StoredMediaSend } from "@/lib/media/outbound";
import type { CampaignTemplate } from "./types";

function templateLike(template: CampaignTemplate): TemplateLike {
  return { name: template.name, language: template.language, components: template.components, parameterFormat: template.parameterFormat };
}

/** What a recipient fills for this template, keyed as the mapping is (see CampaignTemplate). */
export function campaignVariables(template: TemplateLike): string[] {
  const vars = templateVariables(template);
  const keys: string[] = [];
  if (vars.header?.format === "text") keys.push(...vars.header.variables.map((v) => `header.${v}`));
  if (vars.header?.format === "media") keys.push(`header.${vars.header.kind}`);
  keys.push(...vars.body.map((v) => `body.${v}`));
  for (const button of vars.buttons) keys.push(...button.variables.map((v) => `button.${button.index}.${v}`));
  return keys;
}

/** The key of the template's media header (`header.image`…), if it has one. */
export function mediaHeaderVariable(template: TemplateLike): string | null {
  const header = templateVariables(template).header;
  return header?.format === "media" ? `header.${header.kind}` : null;
}

/** A recipient's values as the template module's parameters. */
export function campaignParams(template: CampaignTemplate, values: Record<string, string>): TemplateParams {
  const vars = templateVariables(templateLike(template));
  const params: TemplateParams = { body: vars.body.map((v) => values[`body.${v}`] ?? "") };
  if (vars.header?.format === "text" && vars.header.variables.length > 0) params.header = { text: values[`header.${vars.header.variables[0]}`] ?? "" };
  if (vars.header?.format === "media") {
    params.header = template.headerLibraryId
      ? { kind: vars.header.kind, libraryId: template.headerLibraryId }
      : { kind: vars.header.kind, url: values[`header.${vars.header.kind}`] ?? "" };
  }
  if (vars.buttons.length > 0) params.buttons = vars.buttons.map((b) => ({ index: b.index, text: values[`button.${b.index}.${b.variables[0]}`] ?? "" }));
  return params;
}

/** Problems Meta would refuse the send for (a too long value, a link that is not https…), as readable messages. */
export function campaignParamProblems(template: CampaignTemplate, values: Record<string, string>): { variable: string; message: string }[] {
  return checkTemplateParameters(templateLike(template), campaignParams(template, values)).map((p) => ({ variable: p.variable, message: p.message }));
}

/**
 * The outbox body of a campaign send (checked complete when the campaign was created): the
 * Graph API request, or — when the media header is a library file — "upload this library file
 * (once per channel), then send the template with its id in the header" (lib/media/outbound.ts).
 */
export function campaignMessageBody(waId: string, template: CampaignTemplate, values: Record<string, string>): Record<string, unknown> {
  const params = campaignParams(template, values);
  const request = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: waId,
    type: "template",
    template: buildTemplateMessage(templateLike(template), params),
  };
  const library = libraryHeaderOf(params);
  if (!library) return request;
  const send: StoredMediaSend = { send_media: { library_id: library.libraryId, kind: library.kind, to: waId }, template_of: request };
  return send;
}

/** The message as the customer reads it, with this recipient's values (previews). */
export function renderCampaignMessage(template: CampaignTemplate, values: Record<string, string>): string {
  return renderTemplatePreview(templateLike(template), campaignParams(template, values));
}

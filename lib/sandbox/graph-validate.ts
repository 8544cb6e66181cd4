/**
 * Checks a `POST /{phone-number-id}/messages` body the way the Cloud API does, so a flow that
 * works in the sandbox does not fail on a real number: required fields, the interactive
 * limits, text lengths. Failures are error 100 with Meta-style details.
 */
import "server-only";
import { WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { invalidParameter } from "./graph-error";

export type ValidatedRequest =
  | { kind: "message"; to: string; waId: string; type: string }
  | { kind: "read"; messageId: string; typing: boolean };

type Loose = Record<string, unknown>;

const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;
const SEND_TYPES = ["text", ...MEDIA_TYPES, "interactive", "template", "location", "reaction", "contacts"] as const;

const isObject = (v: unknown): v is Loose => !!v && typeof v === "object" && !Array.isArray(v);
/** Meta counts characters, not UTF-16 units: an emoji is one. */
const length = (s: string) => Array.from(s).length;

function requireObject(value: unknown, path: string): Loose {
  if (!isObject(value)) throw invalidParameter(`The parameter ${path} is required.`);
  return value;
}

function requireText(value: unknown, path: string, max: number, min = 1): string {
  if (typeof value !== "string") throw invalidParameter(`The parameter ${path} is required.`);
  const n = length(value.trim() ? value : "");
  if (n < min || length(value) > max) throw invalidParameter(`Param ${path} must be between ${min} and ${max} characters long.`);
  return value;
}

function optionalText(value: unknown, path: string, max: number): void {
  if (value === undefined) return;
  if (typeof value !== "string") throw invalidParameter(`Param ${path} must be a string.`);
  if (length(value) > max) throw invalidParameter(`Param ${path} must be at most ${max} characters long.`);
}

export function validateGraphRequest(input: unknown): ValidatedRequest {
  if (!isObject(input)) throw invalidParameter("The request body must be a JSON object.");
  if (input.messaging_product !== "whatsapp") throw invalidParameter("The parameter messaging_product is required and must be 'whatsapp'.");

  if (input.status !== undefined) {
    if (input.status !== "read") throw invalidParameter("Param status must be 'read'.");
    if (typeof input.message_id !== "string" || !input.message_id) throw invalidParameter("The parameter message_id is required.");
    const typing = input.typing_indicator;
    if (typing !== undefined && (!isObject(typing) || typing.type !== "text")) throw invalidParameter("Param typing_indicator['type'] must be 'text'.");
    return { kind: "read", messageId: input.message_id, typing: typing !== undefined };
  }

  if (input.recipient_type !== undefined && input.recipient_type !== "individual") {
    throw invalidParameter("Param recipient_type must be 'individual'.");
  }
  if (typeof input.to !== "string" || !input.to.trim()) throw invalidParameter("The parameter to is required.");
  const waId = input.to.replace(/[\s()+-]/g, "");
  if (!/^\d{6,15}$/.test(waId)) throw invalidParameter(`Param to is not a valid phone number: '${input.to}'.`);

  // The API defaults the type to text.
  const type = input.type === undefined ? "text" : input.type;
  if (typeof type !== "string" || !(SEND_TYPES as readonly string[]).includes(type)) {
    throw invalidParameter(`Param type must be one of {${SEND_TYPES.join(", ")}} - got '${String(type)}'.`);
  }
  if (input[type] === undefined) throw invalidParameter(`The parameter ${type} is required.`);

  if (type === "text") validateText(input.text);
  else if ((MEDIA_TYPES as readonly string[]).includes(type)) validateMedia(type, input[type]);
  else if (type === "interactive") validateInteractive(input.interactive);
  else if (type === "template") validateTemplate(input.template);
  else if (type === "location") validateLocation(input.location);
  else if (type === "reaction") validateReaction(input.reaction);
  else if (type === "contacts" && (!Array.isArray(input.contacts) || input.contacts.length === 0)) {
    throw invalidParameter("The parameter contacts is required and must be a non-empty array.");
  }
  return { kind: "message", to: input.to, waId, type };
}

function validateText(value: unknown) {
  const text = requireObject(value, "text");
  requireText(text.body, "text['body']", L.textBody);
  if (text.preview_url !== undefined && typeof text.preview_url !== "boolean") throw invalidParameter("Param text['preview_url'] must be a boolean.");
}

function validateMedia(type: string, value: unknown) {
  const media = requireObject(value, type);
  const hasLink = typeof media.link === "string" && media.link !== "";
  const hasId = typeof media.id === "string" && media.id !== "";
  if (hasLink === hasId) throw invalidParameter(`Param ${type} must have exactly one of 'link' or 'id'.`);
  if (hasLink && !/^https?:\/\//i.test(media.link as string)) throw invalidParameter(`Param ${type}['link'] must be a valid http or https URL.`);
  if (media.caption !== undefined) {
    if (type === "audio" || type === "sticker") throw invalidParameter(`Param ${type}['caption'] is not supported for ${type} messages.`);
    optionalText(media.caption, `${type}['caption']`, L.mediaCaption);
  }
  if (media.filename !== undefined && type !== "document") throw invalidParameter(`Param ${type}['filename'] is only supported for documents.`);
}

function validateHeader(value: unknown, allowMedia: boolean) {
  if (value === undefined) return;
  const header = requireObject(value, "interactive['header']");
  if (header.type === "text") {
    requireText(header.text, "interactive['header']['text']", L.header);
    return;
  }
  if (allowMedia && (header.type === "image" || header.type === "video" || header.type === "document")) {
    validateMedia(`interactive['header']['${header.type}']`, header[header.type]);
    return;
  }
  throw invalidParameter(`Param interactive['header']['type'] must be ${allowMedia ? "one of {text, image, video, document}" : "'text'"}.`);
}

function validateInteractive(value: unknown) {
  const interactive = requireObject(value, "interactive");
  const kind = interactive.type;
  if (kind !== "button" && kind !== "list") {
    throw invalidParameter(`Param interactive['type'] must be one of {button, list} in the sandbox - got '${String(kind)}'.`);
  }
  const body = requireObject(interactive.body, "interactive['body']");
  requireText(body.text, "interactive['body']['text']", kind === "button" ? L.buttonsBody : L.listBody);
  if (interactive.footer !== undefined) requireText(requireObject(interactive.footer, "interactive['footer']").text, "interactive['footer']['text']", L.footer);
  validateHeader(interactive.header, kind === "button");
  const action = requireObject(interactive.action, "interactive['action']");
  if (kind === "button") validateButtons(action.buttons);
  else validateList(action);
}

function validateButtons(value: unknown) {
  if (!Array.isArray(value)) throw invalidParameter("The parameter interactive['action']['buttons'] is required.");
  if (value.length < L.buttonsMin || value.length > L.buttonsMax) {
    throw invalidParameter(`Invalid buttons count. Min allowed buttons: ${L.buttonsMin}, Max allowed buttons: ${L.buttonsMax}`);
  }
  const ids = new Set<string>();
  const titles = new Set<string>();
  value.forEach((button, i) => {
    const path = `interactive['action']['buttons'][${i}]`;
    const b = requireObject(button, path);
    if (b.type !== "reply") throw invalidParameter(`Param ${path}['type'] must be 'reply'.`);
    const reply = requireObject(b.reply, `${path}['reply']`);
    const id = requireText(reply.id, `${path}['reply']['id']`, L.buttonId);
    const title = requireText(reply.title, `${path}['reply']['title']`, L.buttonTitle);
    if (ids.has(id)) throw invalidParameter(`Duplicate button id: '${id}'. Button ids must be unique.`);
    if (titles.has(title.trim().toLowerCase())) throw invalidParameter(`Duplicate button title: '${title}'. Button titles must be unique.`);
    ids.add(id);
    titles.add(title.trim().toLowerCase());
  });
}

function validateList(action: Loose) {
  requireText(action.button, "interactive['action']['button']", L.listButtonLabel);
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length === 0) throw invalidParameter("The parameter interactive['action']['sections'] is required.");
  if (sections.length > L.listSectionsMax) throw invalidParameter(`Too many sections. Max allowed sections: ${L.listSectionsMax}`);
  const ids = new Set<string>();
  let rowCount = 0;
  sections.forEach((section, si) => {
    const path = `interactive['action']['sections'][${si}]`;
    const s = requireObject(section, path);
    if (sections.length > 1) requireText(s.title, `${path}['title']`, L.listSectionTitle);
    else optionalText(s.title, `${path}['title']`, L.listSectionTitle);
    if (!Array.isArray(s.rows) || s.rows.length === 0) throw invalidParameter(`The parameter ${path}['rows'] is required.`);
    s.rows.forEach((row, ri) => {
      const rowPath = `${path}['rows'][${ri}]`;
      const r = requireObject(row, rowPath);
      const id = requireText(r.id, `${rowPath}['id']`, L.listRowId);
      requireText(r.title, `${rowPath}['title']`, L.listRowTitle);
      optionalText(r.description, `${rowPath}['description']`, L.listRowDescription);
      if (ids.has(id)) throw invalidParameter(`Duplicate row id: '${id}'. Row ids must be unique across sections.`);
      ids.add(id);
      rowCount++;
    });
  });
  if (rowCount > L.listRowsMax) throw invalidParameter(`Too many rows. Max allowed rows across all sections: ${L.listRowsMax}`);
}

function validateTemplate(value: unknown) {
  const template = requireObject(value, "template");
  requireText(template.name, "template['name']", 512);
  const language = requireObject(template.language, "template['language']");
  requireText(language.code, "template['language']['code']", 15);
  if (template.components !== undefined && !Array.isArray(template.components)) throw invalidParameter("Param template['components'] must be an array.");
}

function validateLocation(value: unknown) {
  const location = requireObject(value, "location");
  for (const key of ["latitude", "longitude"] as const) {
    const n = typeof location[key] === "string" ? Number(location[key]) : location[key];
    if (typeof n !== "number" || !Number.isFinite(n)) throw invalidParameter(`The parameter location['${key}'] is required.`);
  }
}

function validateReaction(value: unknown) {
  const reaction = requireObject(value, "reaction");
  if (typeof reaction.message_id !== "string" || !reaction.message_id) throw invalidParameter("The parameter reaction['message_id'] is required.");
  if (reaction.emoji !== undefined && typeof reaction.emoji !== "string") throw invalidParameter("Param reaction['emoji'] must be a string.");
}

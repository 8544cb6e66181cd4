/**
 * The outbox body of a stored file an agent sends (docs/media.md → Agents send files): not a
 * Graph request body but "send this stored media". The sender uploads the file to
 * `/{phone-number-id}/media` once, keeps the Graph media id here (`uploaded_id`), and sends
 * the message by that id.
 */
import type { MediaKind } from "./types";

export type StoredMediaSend = {
  /**
   * The file: `media_id`, the app's media row (an agent's upload, or a conversation's copy of a
   * library file), or `library_id`, a media library file sent where there is no conversation
   * (a campaign). A library file is uploaded once per channel either way.
   */
  send_media: { media_id?: string; library_id?: string; kind: MediaKind; to: string; caption?: string; filename?: string };
  /**
   * A message that carries the file in its header (reply buttons with an image, video or
   * document header) rather than being the file: sent with the uploaded id in the header.
   */
  header_of?: Record<string, unknown>;
  /**
   * A template send (the Graph request body) whose media header is the file: sent with the
   * uploaded id in the header component's parameter.
   */
  template_of?: Record<string, unknown>;
  /** Meta's id for the uploaded file, once uploaded: a retry of the send does not upload again. */
  uploaded_id?: string;
};

export function isStoredMediaSend(body: unknown): body is StoredMediaSend {
  return typeof body === "object" && body !== null && "send_media" in body;
}

/** Kinds whose message may carry a caption (WhatsApp: not audio, not stickers). */
export function takesCaption(kind: MediaKind): boolean {
  return kind !== "audio" && kind !== "sticker";
}

/** The Graph request body that sends an uploaded file by its id. */
export function sendByIdBody(body: StoredMediaSend, graphMediaId: string): Record<string, unknown> {
  const { kind, to, caption, filename } = body.send_media;
  if (body.template_of) return templateWithHeaderId(body.template_of, kind, graphMediaId);
  if (body.header_of) {
    const interactive = (body.header_of.interactive ?? {}) as Record<string, unknown>;
    const object: { id: string; filename?: string } = { id: graphMediaId };
    if (filename && kind === "document") object.filename = filename;
    return { ...body.header_of, interactive: { ...interactive, header: { type: kind, [kind]: object } } };
  }
  const object: { id: string; caption?: string; filename?: string } = { id: graphMediaId };
  if (caption && takesCaption(kind)) object.caption = caption;
  if (filename && kind === "document") object.filename = filename;
  return { messaging_product: "whatsapp", recipient_type: "individual", to, type: kind, [kind]: object };
}

type TemplateComponentBody = { type?: string; parameters?: Record<string, unknown>[] };

/** The template send with `graphMediaId` in its media header's parameter (its `filename` kept). */
function templateWithHeaderId(request: Record<string, unknown>, kind: MediaKind, graphMediaId: string): Record<string, unknown> {
  const template = (request.template ?? {}) as { components?: TemplateComponentBody[] };
  const components = (template.components ?? []).map((component) => {
    if (component.type !== "header") return component;
    const parameters = (component.parameters ?? []).map((parameter) => {
      if (parameter.type !== kind) return parameter;
      const { link: _link, ...object } = (parameter[kind] ?? {}) as Record<string, unknown>;
      return { ...parameter, [kind]: { ...object, id: graphMediaId } };
    });
    return { ...component, parameters };
  });
  return { ...request, template: { ...template, components } };
}

/**
 * The outbox body of a stored file an agent sends (docs/media.md → Agents send files): not a
 * Graph request body but "send this stored media". The sender uploads the file to
 * `/{phone-number-id}/media` once, keeps the Graph media id here (`uploaded_id`), and sends
 * the message by that id.
 */
import type { MediaKind } from "./types";

export type StoredMediaSend = {
  send_media: { media_id: string; kind: MediaKind; to: string; caption?: string; filename?: string };
  /**
   * A message that carries the file in its header (reply buttons with an image, video or
   * document header) rather than being the file: sent with the uploaded id in the header.
   */
  header_of?: Record<string, unknown>;
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

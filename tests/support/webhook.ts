/** Builds and posts signed WhatsApp webhook payloads the way Meta sends them. */
import { createHmac, randomBytes } from "node:crypto";

export type WaMessage = Record<string, unknown> & { from: string; id: string; timestamp: string; type: string };
export type WaStatus = Record<string, unknown> & { id: string; status: string; timestamp: string; recipient_id: string };

let counter = 0;
/** A unique inbound wamid. */
export function wamid(prefix = "IN"): string {
  return `wamid.${prefix}.${Date.now().toString(36)}.${(++counter).toString(36)}.${randomBytes(4).toString("hex")}`;
}

const ts = (seconds?: number) => String(seconds ?? Math.floor(Date.now() / 1000));

export function textMessage(from: string, body: string, options: { id?: string; timestamp?: number; context?: { from: string; id: string } } = {}): WaMessage {
  return { from, id: options.id ?? wamid(), timestamp: ts(options.timestamp), type: "text", text: { body }, ...(options.context ? { context: options.context } : {}) };
}

export function buttonReply(from: string, replyId: string, title: string, options: { id?: string; timestamp?: number; context?: { from: string; id: string } } = {}): WaMessage {
  return {
    from,
    id: options.id ?? wamid(),
    timestamp: ts(options.timestamp),
    type: "interactive",
    interactive: { type: "button_reply", button_reply: { id: replyId, title } },
    ...(options.context ? { context: options.context } : {}),
  };
}

export function listReply(from: string, rowId: string, title: string, options: { id?: string; timestamp?: number; description?: string } = {}): WaMessage {
  return {
    from,
    id: options.id ?? wamid(),
    timestamp: ts(options.timestamp),
    type: "interactive",
    interactive: { type: "list_reply", list_reply: { id: rowId, title, ...(options.description ? { description: options.description } : {}) } },
  };
}

export function stickerMessage(from: string, options: { id?: string; timestamp?: number } = {}): WaMessage {
  return {
    from,
    id: options.id ?? wamid(),
    timestamp: ts(options.timestamp),
    type: "sticker",
    sticker: { id: `media-${randomBytes(4).toString("hex")}`, mime_type: "image/webp", sha256: randomBytes(32).toString("base64"), animated: false },
  };
}

/** An image, audio, video, document or sticker message, as Meta sends it: the media id and what it says about the file, not the file. */
export function mediaMessage(
  from: string,
  kind: "image" | "audio" | "video" | "document" | "sticker",
  media: { id: string; mime_type: string; sha256: string; caption?: string; filename?: string; voice?: boolean },
  options: { id?: string; timestamp?: number } = {},
): WaMessage {
  return { from, id: options.id ?? wamid(), timestamp: ts(options.timestamp), type: kind, [kind]: media };
}

export function statusUpdate(id: string, status: "sent" | "delivered" | "read" | "failed", recipient: string, options: { timestamp?: number; errors?: unknown[] } = {}): WaStatus {
  return {
    id,
    status,
    timestamp: ts(options.timestamp),
    recipient_id: recipient,
    ...(status !== "failed" ? { conversation: { id: "CONVERSATION_ID", origin: { type: "service" } }, pricing: { billable: true, pricing_model: "PMP", category: "service" } } : {}),
    ...(options.errors ? { errors: options.errors } : {}),
  };
}

export type ChangeSpec = {
  phoneNumberId: string;
  displayPhoneNumber?: string;
  contacts?: { waId: string; name: string }[];
  messages?: WaMessage[];
  statuses?: WaStatus[];
};

/** An envelope with one entry per element of `entries`, each with one change per spec. */
export function envelope(...entries: ChangeSpec[][]): Record<string, unknown> {
  return {
    object: "whatsapp_business_account",
    entry: entries.map((changes, i) => ({
      id: `10229012934039${i}`,
      changes: changes.map((c) => ({
        field: "messages",
        value: {
          messaging_product: "whatsapp",
          metadata: { display_phone_number: c.displayPhoneNumber ?? "15550783881", phone_number_id: c.phoneNumberId },
          ...(c.contacts ? { contacts: c.contacts.map((x) => ({ profile: { name: x.name }, wa_id: x.waId })) } : {}),
          ...(c.messages ? { messages: c.messages } : {}),
          ...(c.statuses ? { statuses: c.statuses } : {}),
        },
      })),
    })),
  };
}

/** One customer message in its own envelope, with the contact's profile. */
export function messageEnvelope(phoneNumberId: string, message: WaMessage, name = "Cliente Prueba"): Record<string, unknown> {
  return envelope([{ phoneNumberId, contacts: [{ waId: message.from, name }], messages: [message] }]);
}

export function statusEnvelope(phoneNumberId: string, ...statuses: WaStatus[]): Record<string, unknown> {
  return envelope([{ phoneNumberId, statuses }]);
}

export function sign(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/**
 * POSTs a payload to the webhook route. Meta escapes non-ASCII as \uXXXX; so do we, to hash
 * exactly what a real delivery looks like.
 */
export async function postWebhook(
  baseUrl: string,
  payload: unknown,
  appSecret: string,
  options: { signature?: string | null; rawBody?: string | Buffer } = {},
): Promise<Response> {
  const body = options.rawBody ?? JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = options.signature === undefined ? sign(body, appSecret) : options.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return fetch(`${baseUrl}/api/webhooks/whatsapp`, { method: "POST", headers, body: typeof body === "string" ? body : new Uint8Array(body) });
}

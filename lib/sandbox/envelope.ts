/**
 * Webhook payloads exactly in Meta's shape (see ../shared/whatsapp-cloud-api.md): the
 * simulator's customer messages and the fake Graph endpoint's delivery statuses both go
 * through the real webhook route, so the sandbox exercises the production path.
 */
import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import type { MediaKind } from "@/lib/media/types";

import { SANDBOX_WABA_ID } from "@/lib/channels/credentials";

/** The sandbox's WhatsApp Business Account id (entry[].id). */
export { SANDBOX_WABA_ID };

export type EnvelopeChannel = { phoneNumberId: string; displayNumber: string };

/** A file the simulated customer attached, already in the sandbox's media store. */
export type CustomerFile = { type: "file"; kind: MediaKind; id: string; mimeType: string; sha256: string; caption?: string; filename?: string; voice?: boolean };

/**
 * What a simulated customer can send. `file` is a real attachment (fetched by the app through
 * the sandbox's Graph media endpoints); `image` and `sticker` without a file carry ids that do
 * not exist, to test a flow's invalid-input path and the desk's "failed download" state.
 */
export type CustomerInput =
  | CustomerFile
  | { type: "text"; text: string }
  | { type: "button_reply"; id: string; title: string }
  /** A tapped quick-reply button of a template: WhatsApp sends it as a `button` message. */
  | { type: "template_button"; text: string }
  | { type: "list_reply"; id: string; title: string; description?: string }
  | { type: "image"; caption?: string }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string }
  | { type: "sticker" };

export type WebhookMessage = {
  from: string;
  id: string;
  timestamp: string;
  type: string;
  context?: { from: string; id: string };
  [payload: string]: unknown;
};

export type WebhookStatus = {
  id: string;
  status: "sent" | "delivered" | "read" | "failed";
  timestamp: string;
  recipient_id: string;
  conversation?: { id: string; expiration_timestamp?: string; origin: { type: string } };
  pricing?: { billable: boolean; pricing_model: string; category: string; type?: string };
  errors?: { code: number; title: string; message: string; error_data: { details: string } }[];
  biz_opaque_callback_data?: string;
};

/** `wamid.` + base64, like Meta's ids (which encode the phone and a random key). */
export function newWamid(): string {
  return `wamid.${Buffer.concat([Buffer.from("HBgN"), randomBytes(30)]).toString("base64")}`;
}

/** Unix seconds as a string — Meta's timestamp format. */
export function unixTimestamp(date = new Date()): string {
  return String(Math.floor(date.getTime() / 1000));
}

/** Meta's display_phone_number is digits only. */
export function displayDigits(displayNumber: string): string {
  return displayNumber.replace(/\D/g, "");
}

export function buildCustomerMessage(
  input: CustomerInput,
  params: { from: string; id?: string; timestamp?: string; context?: { from: string; id: string } },
): WebhookMessage {
  const base = {
    ...(params.context ? { context: params.context } : {}),
    from: params.from,
    id: params.id ?? newWamid(),
    timestamp: params.timestamp ?? unixTimestamp(),
  };
  switch (input.type) {
    case "file":
      return { ...base, type: input.kind, [input.kind]: mediaPayload(input) };
    case "text":
      return { ...base, type: "text", text: { body: input.text } };
    case "button_reply":
      return { ...base, type: "interactive", interactive: { type: "button_reply", button_reply: { id: input.id, title: input.title } } };
    case "template_button":
      return { ...base, type: "button", button: { payload: input.text, text: input.text } };
    case "list_reply":
      return {
        ...base,
        type: "interactive",
        interactive: {
          type: "list_reply",
          list_reply: { id: input.id, title: input.title, ...(input.description ? { description: input.description } : {}) },
        },
      };
    case "image":
      return {
        ...base,
        type: "image",
        image: { ...(input.caption ? { caption: input.caption } : {}), mime_type: "image/jpeg", sha256: randomBytes(32).toString("base64"), id: String(1e15 + Math.floor(Math.random() * 8e15)) },
      };
    case "location":
      return {
        ...base,
        type: "location",
        location: {
          latitude: input.latitude,
          longitude: input.longitude,
          ...(input.name ? { name: input.name } : {}),
          ...(input.address ? { address: input.address } : {}),
        },
      };
    case "sticker":
      return {
        ...base,
        type: "sticker",
        sticker: { mime_type: "image/webp", sha256: randomBytes(32).toString("base64"), id: String(1e15 + Math.floor(Math.random() * 8e15)), animated: false },
      };
  }
}

/** Meta's inbound media payload: `{id, mime_type, sha256, caption?, filename? (documents), voice? (audio)}`. */
function mediaPayload(file: CustomerFile): Record<string, unknown> {
  return {
    ...(file.caption && file.kind !== "audio" && file.kind !== "sticker" ? { caption: file.caption } : {}),
    ...(file.kind === "document" && file.filename ? { filename: file.filename } : {}),
    mime_type: file.mimeType,
    sha256: file.sha256,
    id: file.id,
    ...(file.kind === "audio" && file.voice ? { voice: true } : {}),
    ...(file.kind === "sticker" ? { animated: false } : {}),
  };
}

function envelope(channel: EnvelopeChannel, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: SANDBOX_WABA_ID,
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: displayDigits(channel.displayNumber), phone_number_id: channel.phoneNumberId },
              ...value,
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}

export function messagesEnvelope(channel: EnvelopeChannel, contact: { waId: string; name: string }, messages: WebhookMessage[]) {
  return envelope(channel, { contacts: [{ profile: { name: contact.name }, wa_id: contact.waId }], messages });
}

export function statusesEnvelope(channel: EnvelopeChannel, statuses: WebhookStatus[]) {
  return envelope(channel, { statuses });
}

/** A status item as Meta sends it: `sent`/`delivered` carry the conversation and pricing, `read` does not. */
export function buildStatus(params: { wamid: string; status: WebhookStatus["status"]; recipient: string; at?: Date; callbackData?: string }): WebhookStatus {
  const at = params.at ?? new Date();
  const status: WebhookStatus = { id: params.wamid, status: params.status, timestamp: unixTimestamp(at), recipient_id: params.recipient };
  if (params.callbackData) status.biz_opaque_callback_data = params.callbackData;
  if (params.status === "sent" || params.status === "delivered") {
    status.conversation = {
      id: conversationId(params.recipient, at),
      ...(params.status === "sent" ? { expiration_timestamp: unixTimestamp(new Date(at.getTime() + 24 * 3600 * 1000)) } : {}),
      origin: { type: "service" },
    };
    status.pricing = { billable: false, pricing_model: "PMP", category: "service", type: "free_customer_service" };
  }
  return status;
}

// Meta's conversation ids are 32 hex chars, stable for a 24-hour conversation window.
function conversationId(recipient: string, at: Date): string {
  return createHmac("sha256", "atendo-sandbox").update(`${recipient}:${at.toISOString().slice(0, 10)}`).digest("hex").slice(0, 32);
}

/**
 * JSON as Meta sends it: non-ASCII characters escaped as \uXXXX (lowercase hex). The receiver
 * must hash the raw bytes, so this also tests that it does not re-serialize before verifying.
 */
export function serializeLikeMeta(payload: unknown): string {
  return JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

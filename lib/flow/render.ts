/**
 * Engine output -> WhatsApp Cloud API request bodies (POST /{phone-number-id}/messages).
 * Texts are clamped to the API's limits: a template variable can push a published text
 * past a limit, and a slightly shortened message beats error 100 and silence.
 */
import { libraryFileUrl } from "@/lib/media/library/types";
import type { TemplateSendPayload } from "@/lib/contacts/templates/build";
import type { OutboundMedia, OutboundMessage } from "./engine-types";
import { WHATSAPP_LIMITS } from "./schema";

type Base = { messaging_product: "whatsapp"; recipient_type: "individual"; to: string };

export type WhatsAppTextBody = Base & { type: "text"; text: { body: string; preview_url: boolean } };
export type WhatsAppMediaObject = { link: string; caption?: string; filename?: string };
export type WhatsAppMediaBody = Base &
  (
    | { type: "image"; image: WhatsAppMediaObject }
    | { type: "video"; video: WhatsAppMediaObject }
    | { type: "audio"; audio: WhatsAppMediaObject }
    | { type: "document"; document: WhatsAppMediaObject }
  );
export type WhatsAppTextHeader = { type: "text"; text: string };
export type WhatsAppMediaHeader =
  | { type: "image"; image: WhatsAppMediaObject }
  | { type: "video"; video: WhatsAppMediaObject }
  | { type: "document"; document: WhatsAppMediaObject };
export type WhatsAppButtonInteractive = {
  type: "button";
  header?: WhatsAppTextHeader | WhatsAppMediaHeader;
  body: { text: string };
  footer?: { text: string };
  action: { buttons: { type: "reply"; reply: { id: string; title: string } }[] };
};
export type WhatsAppListInteractive = {
  type: "list";
  header?: WhatsAppTextHeader;
  body: { text: string };
  footer?: { text: string };
  action: { button: string; sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[] };
};
export type WhatsAppInteractiveBody = Base & {
  type: "interactive";
  interactive: WhatsAppButtonInteractive | WhatsAppListInteractive;
};
export type WhatsAppTemplateBody = Base & { type: "template"; template: TemplateSendPayload };
export type WhatsAppMessageBody = WhatsAppTextBody | WhatsAppMediaBody | WhatsAppInteractiveBody | WhatsAppTemplateBody;
export type WhatsAppMarkAsReadBody = {
  messaging_product: "whatsapp";
  status: "read";
  message_id: string;
  typing_indicator?: { type: "text" };
};

const ELLIPSIS = "…";

/** Cuts to `max` code points, ending in "…" when something was cut. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text; // UTF-16 length >= code points: nothing to cut
  const points = Array.from(text);
  if (points.length <= max) return text;
  return points.slice(0, Math.max(0, max - 1)).join("") + ELLIPSIS;
}

// Required texts cannot be empty in the API; an unexpected empty one gets a placeholder.
function required(text: string, max: number): string {
  const t = clampText(text, max);
  return t.trim() ? t : ELLIPSIS;
}

/**
 * Where Meta fetches a file from. A media library file is sent by Meta media id, not by
 * address: the runtime turns such messages into "upload, then send by id" outbox bodies
 * (lib/runtime/enqueue.ts) before this is reached; what still reaches here is the editor's
 * preview, which shows the library's own file.
 */
function mediaLink(m: OutboundMedia): string {
  return m.libraryId ? libraryFileUrl(m.libraryId) : m.url;
}

function mediaHeader(m: OutboundMedia): WhatsAppMediaHeader | null {
  const object: WhatsAppMediaObject = { link: mediaLink(m) };
  if (m.kind === "image") return { type: "image", image: object };
  if (m.kind === "video") return { type: "video", video: object };
  if (m.kind === "document") return { type: "document", document: m.filename ? { ...object, filename: m.filename } : object };
  return null;
}

function base(to: string): Base {
  return { messaging_product: "whatsapp", recipient_type: "individual", to };
}

export function renderWhatsApp(to: string, msg: OutboundMessage): WhatsAppMessageBody {
  switch (msg.kind) {
    case "template":
      return renderTemplateMessage(to, msg.template ?? { name: msg.name, language: { code: msg.language } });
    case "text":
      return { ...base(to), type: "text", text: { body: required(msg.text, WHATSAPP_LIMITS.textBody), preview_url: false } };
    case "media": {
      const m = msg.media;
      const media: WhatsAppMediaObject = { link: mediaLink(m) };
      if (m.caption && m.kind !== "audio") media.caption = clampText(m.caption, WHATSAPP_LIMITS.mediaCaption);
      if (m.filename && m.kind === "document") media.filename = m.filename;
      switch (m.kind) {
        case "image":
          return { ...base(to), type: "image", image: media };
        case "video":
          return { ...base(to), type: "video", video: media };
        case "audio":
          return { ...base(to), type: "audio", audio: media };
        case "document":
          return { ...base(to), type: "document", document: media };
      }
      // Unknown media kinds (never produced by the engine) degrade to a link.
      return { ...base(to), type: "text", text: { body: required(m.url, WHATSAPP_LIMITS.textBody), preview_url: true } };
    }
    case "buttons": {
      const interactive: WhatsAppButtonInteractive = {
        type: "button",
        body: { text: required(msg.text, WHATSAPP_LIMITS.buttonsBody) },
        action: {
          buttons: msg.buttons.map((b) => ({
            type: "reply",
            reply: { id: b.id, title: required(b.title, WHATSAPP_LIMITS.buttonTitle) },
          })),
        },
      };
      const media = msg.headerMedia ? mediaHeader(msg.headerMedia) : null;
      if (media) interactive.header = media;
      else if (msg.header?.trim()) interactive.header = { type: "text", text: clampText(msg.header, WHATSAPP_LIMITS.header) };
      if (msg.footer?.trim()) interactive.footer = { text: clampText(msg.footer, WHATSAPP_LIMITS.footer) };
      return { ...base(to), type: "interactive", interactive: orderKeys(interactive) };
    }
    case "list": {
      const interactive: WhatsAppListInteractive = {
        type: "list",
        body: { text: required(msg.text, WHATSAPP_LIMITS.listBody) },
        action: {
          button: required(msg.buttonLabel, WHATSAPP_LIMITS.listButtonLabel),
          sections: msg.sections.map((s) => {
            const section: WhatsAppListInteractive["action"]["sections"][number] = {
              rows: s.rows.map((r) => {
                const row: { id: string; title: string; description?: string } = {
                  id: r.id,
                  title: required(r.title, WHATSAPP_LIMITS.listRowTitle),
                };
                if (r.description?.trim()) row.description = clampText(r.description, WHATSAPP_LIMITS.listRowDescription);
                return row;
              }),
            };
            if (s.title?.trim()) return { title: clampText(s.title, WHATSAPP_LIMITS.listSectionTitle), rows: section.rows };
            return section;
          }),
        },
      };
      if (msg.header?.trim()) interactive.header = { type: "text", text: clampText(msg.header, WHATSAPP_LIMITS.header) };
      if (msg.footer?.trim()) interactive.footer = { text: clampText(msg.footer, WHATSAPP_LIMITS.footer) };
      return { ...base(to), type: "interactive", interactive: orderKeys(interactive) };
    }
  }
}

// Readable, documentation-like key order (type, header, body, footer, action) in logs.
function orderKeys<T extends { type: string; header?: unknown; body: unknown; footer?: unknown; action: unknown }>(i: T): T {
  const out: Record<string, unknown> = { type: i.type };
  if (i.header !== undefined) out.header = i.header;
  out.body = i.body;
  if (i.footer !== undefined) out.footer = i.footer;
  out.action = i.action;
  return out as T;
}

/** An approved template (the only kind allowed outside the 24-hour window), as built by lib/contacts/templates. */
export function renderTemplateMessage(to: string, template: TemplateSendPayload): WhatsAppTemplateBody {
  return { ...base(to), type: "template", template };
}

/** Marks an inbound message read; `typing` also shows the typing indicator (up to 25 s). */
export function renderMarkAsRead(messageId: string, typing?: boolean): WhatsAppMarkAsReadBody {
  const body: WhatsAppMarkAsReadBody = { messaging_product: "whatsapp", status: "read", message_id: messageId };
  if (typing) body.typing_indicator = { type: "text" };
  return body;
}

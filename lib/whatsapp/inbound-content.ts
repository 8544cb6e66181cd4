/**
 * What a customer's message says, read from the raw webhook message: the transcript text a
 * person reads and the input the flow engine gets. Pure and lenient: a field Meta leaves out
 * or a type it adds later degrades to `unsupported`, never an exception.
 */
import type { FlowInput } from "@/lib/flow/engine-types";

export const INBOUND_TYPES = [
  "text",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "button",
  "reaction",
  "order",
  "system",
  "unsupported",
] as const;
export type InboundType = (typeof INBOUND_TYPES)[number];

export const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export type InboundContent =
  | { type: "text"; text: string }
  | {
      type: MediaType;
      mediaId: string | null;
      mimeType: string | null;
      /** As Meta sends it: the SHA-256 of the file, hex or base64. */
      sha256: string | null;
      caption: string | null;
      filename: string | null;
      /** Audio recorded as a voice note. */
      voice: boolean;
    }
  | { type: "location"; latitude: number | null; longitude: number | null; name: string | null; address: string | null }
  | { type: "contacts"; names: string[]; phones: string[] }
  | { type: "reply"; replyType: "button_reply" | "list_reply" | "button"; id: string; title: string; description: string | null }
  | { type: "reaction"; messageId: string | null; emoji: string | null }
  | { type: "order"; itemCount: number }
  | { type: "system"; body: string | null; newWaId: string | null }
  | { type: "unsupported"; originalType: string; interactiveType?: string; errors: unknown[] | null };

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);

function unsupported(raw: Obj, extra: { interactiveType?: string } = {}): InboundContent {
  const errors = Array.isArray(raw.errors) ? raw.errors : null;
  return { type: "unsupported", originalType: str(raw.type) ?? "unknown", errors, ...extra };
}

export function readInboundContent(raw: Obj): InboundContent {
  const type = str(raw.type) ?? "unsupported";
  switch (type) {
    case "text": {
      const body = str(obj(raw.text)?.body);
      return body === null ? unsupported(raw) : { type: "text", text: body };
    }
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      const media = obj(raw[type]) ?? {};
      return {
        type,
        mediaId: str(media.id),
        mimeType: str(media.mime_type),
        sha256: str(media.sha256),
        caption: str(media.caption),
        filename: str(media.filename),
        voice: media.voice === true,
      };
    }
    case "location": {
      const loc = obj(raw.location) ?? {};
      return { type: "location", latitude: num(loc.latitude), longitude: num(loc.longitude), name: str(loc.name), address: str(loc.address) };
    }
    case "contacts": {
      const list = Array.isArray(raw.contacts) ? raw.contacts : [];
      const names: string[] = [];
      const phones: string[] = [];
      for (const c of list) {
        const name = str(obj(obj(c)?.name)?.formatted_name);
        if (name) names.push(name);
        for (const p of Array.isArray(obj(c)?.phones) ? (obj(c)!.phones as unknown[]) : []) {
          const phone = str(obj(p)?.phone);
          if (phone) phones.push(phone);
        }
      }
      return { type: "contacts", names, phones };
    }
    case "interactive": {
      const interactive = obj(raw.interactive) ?? {};
      const kind = str(interactive.type);
      if (kind === "button_reply" || kind === "list_reply") {
        const reply = obj(interactive[kind]) ?? {};
        const id = str(reply.id);
        if (id === null) return unsupported(raw, { interactiveType: kind });
        return { type: "reply", replyType: kind, id, title: str(reply.title) ?? id, description: str(reply.description) };
      }
      // nfm_reply (WhatsApp Flows) and future kinds: the menu engine cannot use them.
      return unsupported(raw, { interactiveType: kind ?? "unknown" });
    }
    case "button": {
      const button = obj(raw.button) ?? {};
      const payload = str(button.payload);
      const text = str(button.text);
      if (payload === null && text === null) return unsupported(raw);
      return { type: "reply", replyType: "button", id: payload ?? text!, title: text ?? payload!, description: null };
    }
    case "reaction": {
      const reaction = obj(raw.reaction) ?? {};
      return { type: "reaction", messageId: str(reaction.message_id), emoji: str(reaction.emoji) };
    }
    case "order": {
      const items = obj(raw.order)?.product_items;
      return { type: "order", itemCount: Array.isArray(items) ? items.length : 0 };
    }
    case "system": {
      const system = obj(raw.system) ?? {};
      return { type: "system", body: str(system.body), newWaId: str(system.wa_id) ?? str(system.new_wa_id) };
    }
    default:
      return unsupported(raw);
  }
}

const MEDIA_ICONS: Record<MediaType, string> = { image: "🖼️", video: "🎬", audio: "🎤", document: "📄", sticker: "🏷️" };

/**
 * The text a transcript shows. Non-text messages get a language-neutral icon plus whatever
 * text they carry; the full payload is kept beside it for richer rendering.
 */
export function readableBody(content: InboundContent): string {
  switch (content.type) {
    case "text":
      return content.text;
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      const label = content.caption || content.filename;
      return label ? `${MEDIA_ICONS[content.type]} ${label}` : MEDIA_ICONS[content.type];
    }
    case "location": {
      const place = [content.name, content.address].filter(Boolean).join(", ");
      const coordinates = content.latitude !== null && content.longitude !== null ? `${content.latitude}, ${content.longitude}` : "";
      return `📍 ${place || coordinates}`.trim();
    }
    case "contacts":
      return `👤 ${[...content.names, ...content.phones].join(", ")}`.trim();
    case "reply":
      return content.title;
    case "reaction":
      return content.emoji ?? "∅";
    case "order":
      return `🛒 ${content.itemCount}`;
    case "system":
      return content.body ?? "system";
    case "unsupported":
      return `[${content.interactiveType ? `interactive/${content.interactiveType}` : content.originalType}]`;
  }
}

/** The text a customer wrote or chose, when there is one (for quoted protocols and the `start` input). */
export function customerText(content: InboundContent): string | null {
  if (content.type === "text") return content.text;
  if (content.type === "reply") return content.title;
  if (MEDIA_TYPES.includes(content.type as MediaType)) return (content as { caption: string | null }).caption;
  return null;
}

/**
 * The engine's input for a message in a running conversation. Only text and taps mean
 * something to a menu; everything else (stickers, locations, reactions…) is `unsupported`,
 * which the engine routes to the node's invalid path.
 */
export function flowInputOf(content: InboundContent, mediaRowId?: string): FlowInput {
  // A file the app stores (its media row written with the message) can answer a question asking for one.
  if (mediaRowId && MEDIA_TYPES.includes(content.type as MediaType)) {
    const m = content as Extract<InboundContent, { type: MediaType }>;
    return {
      kind: "media",
      mediaKind: m.type,
      mediaId: mediaRowId,
      ...(m.filename ? { filename: m.filename } : {}),
      ...(m.caption ? { caption: m.caption } : {}),
    };
  }
  switch (content.type) {
    case "text":
      return { kind: "text", text: content.text };
    case "reply":
      return { kind: "reply", id: content.id, title: content.title };
    case "unsupported":
      return { kind: "unsupported", messageType: content.interactiveType ? `interactive/${content.interactiveType}` : content.originalType };
    default:
      return { kind: "unsupported", messageType: content.type };
  }
}

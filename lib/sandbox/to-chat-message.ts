/**
 * WhatsApp payloads → the chat panel's message shape. Browser-safe (the flow editor's
 * preview converts `renderWhatsApp` output in the browser too), and tolerant: a payload it
 * does not know becomes a readable text bubble, never a crash.
 */
import { paramsFromTemplateSend } from "@/lib/contacts/templates/from-send";
import { templatePreview } from "@/lib/contacts/templates/preview";
import type { TemplateComponent } from "@/lib/contacts/templates/schema";
import type { WhatsAppMessageBody } from "@/lib/flow/render";
import type { ChatList, ChatMedia, ChatMediaKind, ChatMessage, ChatStatus } from "./chat-message";

type Loose = Record<string, unknown>;
const MEDIA_KINDS = ["image", "video", "audio", "document", "sticker"] as const;

const obj = (value: unknown): Loose => (value && typeof value === "object" && !Array.isArray(value) ? (value as Loose) : {});
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

export type ChatMeta = { id: string; time: string; status?: ChatStatus; error?: string };

/** A Graph API send request body (`POST /{phone-number-id}/messages`) as the business's bubble. */
export function whatsappRequestToChatMessage(body: WhatsAppMessageBody | Loose, meta: ChatMeta): ChatMessage {
  const b = obj(body);
  const type = str(b.type) ?? "text";
  const base = { id: meta.id, from: "business" as const, time: meta.time, ...(meta.status ? { status: meta.status } : {}), ...(meta.error ? { error: meta.error } : {}) };

  if (type === "text") return { ...base, kind: "text", text: str(obj(b.text).body) ?? "" };

  if ((MEDIA_KINDS as readonly string[]).includes(type)) {
    const m = obj(b[type]);
    const media: ChatMedia = { kind: type as ChatMediaKind };
    const url = str(m.link);
    if (url) media.url = url;
    if (str(m.caption)) media.caption = str(m.caption);
    if (str(m.filename)) media.filename = str(m.filename);
    return { ...base, kind: "media", text: media.caption ?? "", media };
  }

  if (type === "location") {
    const l = obj(b.location);
    return { ...base, kind: "media", text: str(l.name) ?? "", media: locationMedia(l) };
  }

  if (type === "interactive") {
    const i = obj(b.interactive);
    const header = headerText(i.header);
    const headerMedia = headerMediaOf(i.header);
    const footer = str(obj(i.footer).text);
    const text = str(obj(i.body).text) ?? "";
    const extras = { ...(header ? { header } : {}), ...(headerMedia ? { media: headerMedia } : {}), ...(footer ? { footer } : {}) };
    const action = obj(i.action);
    if (str(i.type) === "button") {
      const buttons = arr(action.buttons).map((button) => {
        const reply = obj(obj(button).reply);
        return { id: str(reply.id) ?? "", title: str(reply.title) ?? "" };
      });
      return { ...base, kind: "buttons", text, ...extras, buttons };
    }
    if (str(i.type) === "list") {
      const list: ChatList = {
        buttonLabel: str(action.button) ?? "",
        sections: arr(action.sections).map((section) => {
          const s = obj(section);
          return {
            ...(str(s.title) ? { title: str(s.title) } : {}),
            rows: arr(s.rows).map((row) => {
              const r = obj(row);
              return { id: str(r.id) ?? "", title: str(r.title) ?? "", ...(str(r.description) ? { description: str(r.description) } : {}) };
            }),
          };
        }),
      };
      return { ...base, kind: "list", text, ...extras, list };
    }
    return { ...base, kind: "text", text: text || `[interactive: ${str(i.type) ?? "?"}]` };
  }

  if (type === "template") {
    const t = obj(b.template);
    const name = str(t.name) ?? "template";
    // The sandbox keeps the approved template's components beside the request it accepted.
    const components = arr(obj(b.sandbox_template).components) as TemplateComponent[];
    if (components.length > 0) {
      const preview = templatePreview({ name, language: str(obj(t.language).code) ?? "", components }, paramsFromTemplateSend(t.components));
      const h = preview.header;
      return {
        ...base,
        kind: "template",
        templateName: name,
        text: preview.body,
        ...(h && "text" in h ? { header: h.text } : {}),
        ...(h && "kind" in h && h.kind !== "location" ? { media: { kind: h.kind, ...(h.url ? { url: h.url } : {}) } } : {}),
        ...(preview.footer ? { footer: preview.footer } : {}),
        buttons: preview.buttons.filter((x) => x.type === "quick_reply").map((x) => ({ id: x.text, title: x.text })),
        links: preview.buttons.filter((x) => x.type === "url" || x.type === "phone_number").map((x) => ({ title: x.text, ...(x.url ? { url: x.url } : {}), ...(x.phoneNumber ? { phone: x.phoneNumber } : {}) })),
      };
    }
    const parameters = arr(t.components).flatMap((c) => arr(obj(c).parameters).map((p) => str(obj(p).text) ?? "")).filter(Boolean);
    return { ...base, kind: "template", templateName: name, text: parameters.length ? parameters.join(" · ") : name };
  }

  return { ...base, kind: "text", text: `[${type}]` };
}

/** An inbound webhook message object (what the customer sent) as the customer's bubble. */
export function webhookMessageToChatMessage(message: Loose, meta: ChatMeta & { quote?: string }): ChatMessage {
  const m = obj(message);
  const type = str(m.type) ?? "text";
  const base = {
    id: meta.id,
    from: "customer" as const,
    time: meta.time,
    ...(meta.status ? { status: meta.status } : {}),
    ...(meta.error ? { error: meta.error } : {}),
    ...(meta.quote ? { quote: meta.quote } : {}),
  };
  if (type === "text") return { ...base, kind: "text", text: str(obj(m.text).body) ?? "" };
  if (type === "interactive") {
    const i = obj(m.interactive);
    const reply = obj(i.button_reply ?? i.list_reply);
    return { ...base, kind: "text", text: str(reply.title) ?? "" };
  }
  if (type === "button") return { ...base, kind: "text", text: str(obj(m.button).text) ?? "" };
  if (type === "location") {
    const l = obj(m.location);
    return { ...base, kind: "media", text: str(l.name) ?? "", media: locationMedia(l) };
  }
  if ((MEDIA_KINDS as readonly string[]).includes(type)) {
    const media = obj(m[type]);
    const caption = str(media.caption);
    return {
      ...base,
      kind: "media",
      text: caption ?? "",
      media: {
        kind: type as ChatMediaKind,
        ...(caption ? { caption } : {}),
        ...(str(media.filename) ? { filename: str(media.filename) } : {}),
        ...(media.voice === true ? { voice: true } : {}),
      },
    };
  }
  return { ...base, kind: "text", text: `[${type}]` };
}

function headerText(header: unknown): string | undefined {
  const h = obj(header);
  return str(h.type) === "text" ? str(h.text) : undefined;
}

/** An image, video or document header (reply buttons), shown above the text like WhatsApp does. */
function headerMediaOf(header: unknown): ChatMedia | undefined {
  const h = obj(header);
  const type = str(h.type);
  if (type !== "image" && type !== "video" && type !== "document") return undefined;
  const m = obj(h[type]);
  const media: ChatMedia = { kind: type };
  if (str(m.link)) media.url = str(m.link);
  if (str(m.filename)) media.filename = str(m.filename);
  return media;
}

function locationMedia(l: Loose): ChatMedia {
  const media: ChatMedia = { kind: "location" };
  const latitude = num(l.latitude);
  const longitude = num(l.longitude);
  if (latitude !== undefined) media.latitude = latitude;
  if (longitude !== undefined) media.longitude = longitude;
  if (str(l.name)) media.name = str(l.name);
  return media;
}

/** A short, one-line preview of a message (sidebars, quotes). */
export function chatPreview(message: Pick<ChatMessage, "kind" | "text" | "media" | "header">): string {
  if (message.text) return message.text.replace(/\s+/g, " ").trim();
  if (message.media) return message.media.filename ?? message.media.name ?? `[${message.media.kind}]`;
  return message.header ?? "";
}

/**
 * The channel-neutral message the chat panel shows (components/simulator/chat-panel.tsx).
 * The simulator builds it from WhatsApp payloads; the flow editor's preview builds it from
 * the draft simulation. Browser-safe: no server imports.
 */
export type ChatButton = { id: string; title: string };
export type ChatListRow = { id: string; title: string; description?: string };
export type ChatList = { buttonLabel: string; sections: { title?: string; rows: ChatListRow[] }[] };
export type ChatMediaKind = "image" | "video" | "audio" | "document" | "sticker" | "location";
export type ChatMedia = {
  kind: ChatMediaKind;
  url?: string;
  caption?: string;
  filename?: string;
  /** A sandbox file (the customer's attachment, or what the app sent by id): its type and size. */
  mimeType?: string;
  size?: number;
  /** An audio recorded as a voice note. */
  voice?: boolean;
  /** location */
  latitude?: number;
  longitude?: number;
  name?: string;
};

/** Customer messages: sending → sent (webhook answered 200) → read (the app marked it read); failed keeps `error`. */
export type ChatStatus = "sending" | "sent" | "delivered" | "read" | "failed";

export type ChatMessage = {
  id: string;
  from: "customer" | "business";
  kind: "text" | "buttons" | "list" | "media" | "template";
  /** The body text (for media: the caption; for templates: a readable preview). */
  text: string;
  header?: string;
  footer?: string;
  buttons?: ChatButton[];
  /** A template's name (its bubble looks like any other, as on WhatsApp). */
  templateName?: string;
  /** A template's URL and phone buttons: shown under the bubble, not replies. */
  links?: { title: string; url?: string; phone?: string }[];
  list?: ChatList;
  media?: ChatMedia;
  /** The message a reply quotes (a tapped button's message), shown above the text. */
  quote?: string;
  /** ISO date-time. */
  time: string;
  status?: ChatStatus;
  /** Why a customer message failed, readable. */
  error?: string;
};

/** What the customer answers with when tapping a reply button or a list row. */
export type ChatReply = { id: string; title: string; description?: string; messageId?: string };

import "server-only";
import { timeOrderedId } from "./ids";
import type { DbOrTx } from "@/lib/db/types";
import { messages, outbox } from "@/lib/db/schema";
import type { OutboundMedia, OutboundMessage } from "@/lib/flow/engine";
import { clampText, renderTemplateMessage, renderWhatsApp } from "@/lib/flow/render";
import { WHATSAPP_LIMITS } from "@/lib/flow/schema";
import { insertLibraryCopy } from "@/lib/media/library/copy";
import type { StoredMediaSend } from "@/lib/media/outbound";

import type { TemplateContent } from "@/lib/contacts/templates/content";

export type { TemplateContent };
export type OutgoingContent = OutboundMessage | TemplateContent;

/** The text a transcript shows for an outgoing message. */
export function transcriptText(content: OutgoingContent): string {
  switch (content.kind) {
    case "text":
    case "buttons":
    case "list":
      return content.text;
    case "media":
      return content.media.caption ?? content.media.filename ?? content.media.url;
    case "template":
      return content.preview ?? `[${content.name}] ${(content.parameters ?? []).join(" · ")}`;
  }
}

function whatsappType(content: OutgoingContent): string {
  if (content.kind === "buttons" || content.kind === "list") return "interactive";
  if (content.kind === "media") return content.media.kind;
  return content.kind;
}

export type OutboundParams = {
  channelId: string;
  conversationId: string;
  contactWaId: string;
  author: "bot" | "agent" | "system";
  agentId?: string | null;
  content: OutgoingContent;
  flowNodeId?: string | null;
};

/**
 * A media library file goes by Meta media id: "upload this stored file (once per channel),
 * then send" — as a media message, as the media header of reply buttons, or as a template's
 * media header. Null for anything else. `mediaId` is the conversation's media row for the file
 * (set by `withLibraryMediaId` when the send is queued).
 */
function libraryMediaSend(to: string, content: OutgoingContent): StoredMediaSend | null {
  if (content.kind === "media" && content.media.libraryId && content.media.mediaId) {
    const { mediaId, kind, caption, filename } = content.media;
    return {
      send_media: {
        media_id: mediaId,
        kind,
        to,
        ...(caption ? { caption: clampText(caption, WHATSAPP_LIMITS.mediaCaption) } : {}),
        ...(filename ? { filename } : {}),
      },
    };
  }
  if (content.kind === "buttons" && content.headerMedia?.libraryId && content.headerMedia.mediaId) {
    const { headerMedia, ...rest } = content;
    return {
      send_media: { media_id: headerMedia.mediaId!, kind: headerMedia.kind, to, ...(headerMedia.filename ? { filename: headerMedia.filename } : {}) },
      header_of: renderWhatsApp(to, rest),
    };
  }
  if (content.kind === "template" && content.headerMedia?.mediaId && content.template) {
    const { headerMedia } = content;
    return {
      send_media: { media_id: headerMedia.mediaId!, kind: headerMedia.kind, to, ...(headerMedia.filename ? { filename: headerMedia.filename } : {}) },
      template_of: renderTemplateMessage(to, content.template),
    };
  }
  return null;
}

/** Rows written before templates carried their components: body parameters only. */
function legacyBodyComponents(parameters: string[] | undefined) {
  if (!parameters?.length) return {};
  return { components: [{ type: "body" as const, parameters: parameters.map((text) => ({ type: "text" as const, text })) }] };
}

/** The Graph API request body for an outgoing message. */
export function whatsappBody(contactWaId: string, content: OutgoingContent) {
  if (content.kind === "template") {
    const library = libraryMediaSend(contactWaId, content);
    if (library) return library;
    if (content.template) return renderTemplateMessage(contactWaId, content.template);
    return renderTemplateMessage(contactWaId, { name: content.name, language: { code: content.language }, ...legacyBodyComponents(content.parameters) });
  }
  return libraryMediaSend(contactWaId, content) ?? renderWhatsApp(contactWaId, content);
}

/** The library file an outgoing message carries (as itself, or as its buttons' or template's header), if any. */
export function libraryMediaOf(content: OutgoingContent): OutboundMedia | null {
  if (content.kind === "media" && content.media.libraryId) return content.media;
  if (content.kind === "buttons" && content.headerMedia?.libraryId) return content.headerMedia;
  if (content.kind === "template" && content.headerMedia?.libraryId) return content.headerMedia;
  return null;
}

/** The content with the conversation's media row (`mediaId`) of the library file it carries. */
export function withLibraryMediaId(content: OutgoingContent, mediaId: string): OutgoingContent {
  if (content.kind === "media") return { ...content, media: { ...content.media, mediaId } };
  if (content.kind === "buttons" && content.headerMedia) return { ...content, headerMedia: { ...content.headerMedia, mediaId } };
  if (content.kind === "template" && content.headerMedia) return { ...content, headerMedia: { ...content.headerMedia, mediaId } };
  return content;
}

/**
 * The transcript row and the outbox row of an outgoing message, for callers that insert
 * many at once (the runtime worker). `messageId` is chosen by the caller so both rows can be
 * written in one round trip each.
 */
export function outboundRows(params: OutboundParams, messageId: string) {
  const { content } = params;
  return {
    message: {
      id: messageId,
      conversationId: params.conversationId,
      direction: "outbound" as const,
      author: params.author,
      agentId: params.agentId ?? null,
      type: whatsappType(content),
      body: transcriptText(content),
      payload: content as unknown,
      deliveryStatus: "pending" as const,
      flowNodeId: params.flowNodeId ?? null,
    },
    outbox: {
      channelId: params.channelId,
      conversationId: params.conversationId,
      messageId,
      contactWaId: params.contactWaId,
      kind: "message" as const,
      body: whatsappBody(params.contactWaId, content) as unknown,
    },
  };
}

/**
 * Records an outgoing message in the transcript and the outbox, in the caller's transaction:
 * the decision to send and the send request commit together or not at all. The runtime's
 * sender picks the outbox row up (wake it with `wakeOutbox()` from lib/runtime/signals after
 * commit for an immediate send; it also polls).
 */
export async function enqueueOutbound(tx: DbOrTx, params: OutboundParams): Promise<{ messageId: string; outboxId: number }> {
  const messageId = timeOrderedId();
  const file = libraryMediaOf(params.content);
  let mediaId: string | null = null;
  if (file?.libraryId) {
    // The conversation's own media row for a library file (a template's media header): the
    // transcript shows it, and the sender uploads it to Meta (once per channel) and sends by id.
    mediaId = timeOrderedId();
    await insertLibraryCopy(tx, { id: mediaId, channelId: params.channelId, conversationId: params.conversationId, messageId, file: { ...file, libraryId: file.libraryId } });
  }
  const rows = outboundRows(mediaId ? { ...params, content: withLibraryMediaId(params.content, mediaId) } : params, messageId);
  const [message] = await tx.insert(messages).values({ ...rows.message, mediaId }).returning({ id: messages.id });
  const [row] = await tx.insert(outbox).values({ ...rows.outbox, body: null }).returning({ id: outbox.id });
  return { messageId: message!.id, outboxId: row!.id };
}

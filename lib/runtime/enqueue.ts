import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { messages, outbox } from "@/lib/db/schema";
import type { OutboundMessage } from "@/lib/flow/engine";
import { renderTemplateMessage, renderWhatsApp } from "@/lib/flow/render";

export type TemplateContent = { kind: "template"; name: string; language: string; parameters: string[]; preview?: string };
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
      return content.preview ?? `[${content.name}] ${content.parameters.join(" · ")}`;
  }
}

function whatsappType(content: OutgoingContent): string {
  if (content.kind === "buttons" || content.kind === "list") return "interactive";
  if (content.kind === "media") return content.media.kind;
  return content.kind;
}

/**
 * Records an outgoing message in the transcript and the outbox, in the caller's transaction:
 * the decision to send and the send request commit together or not at all.
 */
export async function enqueueOutbound(
  tx: DbOrTx,
  params: {
    channelId: string;
    conversationId: string;
    contactWaId: string;
    author: "bot" | "agent" | "system";
    agentId?: string | null;
    content: OutgoingContent;
    flowNodeId?: string | null;
  },
): Promise<{ messageId: string; outboxId: number }> {
  const { content } = params;
  const body =
    content.kind === "template"
      ? renderTemplateMessage(params.contactWaId, { name: content.name, language: content.language, parameters: content.parameters })
      : renderWhatsApp(params.contactWaId, content);
  const [message] = await tx
    .insert(messages)
    .values({
      conversationId: params.conversationId,
      direction: "outbound",
      author: params.author,
      agentId: params.agentId ?? null,
      type: whatsappType(content),
      body: transcriptText(content),
      payload: content,
      deliveryStatus: "pending",
      flowNodeId: params.flowNodeId ?? null,
    })
    .returning({ id: messages.id });
  const [row] = await tx
    .insert(outbox)
    .values({
      channelId: params.channelId,
      conversationId: params.conversationId,
      messageId: message!.id,
      contactWaId: params.contactWaId,
      kind: "message",
      body,
    })
    .returning({ id: outbox.id });
  return { messageId: message!.id, outboxId: row!.id };
}

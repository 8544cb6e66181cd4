import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/types";
import { contacts, conversations, messages } from "@/lib/db/schema";
import { sendableTemplate } from "@/lib/contacts/template-store/queries";
import { assertMayReceiveMarketing } from "@/lib/contacts/opt-out/store";
import { AppError } from "@/lib/errors/app-error";
import { enqueueOutbound, type OutgoingContent } from "@/lib/runtime/enqueue";
import { publishEvent } from "@/lib/realtime/events";
import { wakeOutbox } from "@/lib/runtime/signals";
import { lockWorkableConversation, requireHolding, type ConversationRow, type DeskScope } from "./access";
import type { NoteInput, ReplyInput } from "./schemas";
import { serviceWindow } from "./window";

export const WINDOW_CLOSED_MESSAGE =
  "More than 24 hours have passed since the customer's last message: WhatsApp only allows an approved template now";

async function contentFor(tx: DbOrTx, channelId: string, input: ReplyInput): Promise<OutgoingContent> {
  switch (input.kind) {
    case "text":
      return { kind: "text", text: input.text };
    case "media":
      return { kind: "media", media: { ...input.media, caption: input.media.caption || undefined, filename: input.media.filename || undefined } };
    case "template":
      return sendableTemplate(tx, channelId, input.templateId, input.params);
  }
}

/** Refuses free-form content outside the 24-hour window (templates are always allowed). */
export function assertWindowAllows(kind: string, lastInboundAt: Date | null, now = new Date()): void {
  if (kind === "template") return;
  if (!serviceWindow(lastInboundAt, now).open) {
    throw new AppError("unprocessable", WINDOW_CLOSED_MESSAGE, { details: { reason: "window_closed" } });
  }
}

/** Sends an agent's reply: transcript row + outbox row + event, in one transaction. */
export async function sendReply(db: Db, scope: DeskScope, conversationId: string, input: ReplyInput) {
  const message = await db.transaction(async (tx) => {
    const conversation = await lockWorkableConversation(tx, scope, conversationId);
    requireHolding(scope, conversation, "reply");
    const [contact] = await tx.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    assertWindowAllows(input.kind, contact!.lastInboundAt);
    const content = await contentFor(tx, conversation.channelId, input);
    // Marketing never reaches a customer who opted out (docs/outreach.md): 409 with the reason.
    if (content.kind === "template" && content.category === "MARKETING") await assertMayReceiveMarketing(tx, conversation.contactId);
    const { messageId } = await enqueueOutbound(tx, {
      channelId: conversation.channelId,
      conversationId,
      contactWaId: contact!.waId,
      author: "agent",
      agentId: scope.userId,
      content,
    });
    await markResponded(tx, conversation);
    await publishEvent(tx, { type: "message.created", conversationId, messageId, queueId: conversation.queueId, direction: "outbound" });
    const [row] = await tx.select().from(messages).where(eq(messages.id, messageId));
    return row!;
  });
  // Committed: the sender can take it now rather than at its next poll.
  wakeOutbox();
  return message;
}

export async function markResponded(tx: DbOrTx, conversation: ConversationRow): Promise<void> {
  const now = new Date();
  await tx
    .update(conversations)
    .set({ firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, ${now.toISOString()}::timestamptz)`, lastActivityAt: now, unreadCount: 0 })
    .where(eq(conversations.id, conversation.id));
}

/** An internal note: part of the transcript for agents, never sent to the customer. */
export async function addNote(db: Db, scope: DeskScope, conversationId: string, input: NoteInput) {
  return db.transaction(async (tx) => {
    const conversation = await lockWorkableConversation(tx, scope, conversationId);
    const [message] = await tx
      .insert(messages)
      .values({ conversationId, direction: "note", author: "agent", agentId: scope.userId, type: "text", body: input.text })
      .returning();
    await publishEvent(tx, { type: "message.created", conversationId, messageId: message!.id, queueId: conversation.queueId, direction: "note" });
    return message!;
  });
}

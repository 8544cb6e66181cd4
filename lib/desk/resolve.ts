import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { contacts, conversations } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record";
import { enqueueOutbound } from "@/lib/runtime/enqueue";
import { publishEvent } from "@/lib/realtime/events";
import { wakeOutbox } from "@/lib/runtime/signals";
import { lockWorkableConversation, requireHolding, type DeskScope } from "./access";
import { assertWindowAllows } from "./reply";
import type { ResolveInput } from "./schemas";
import { recordSystemMessage } from "./system-message";
import { sendSurveyOnResolve } from "@/lib/csat/send";

/** `{{protocol}}` in a closing message becomes the conversation's protocol. */
export function closingText(template: string, protocol: string): string {
  return template.replace(/\{\{\s*protocol\s*\}\}/g, protocol);
}

/**
 * Closes the attendance. The optional closing message leaves before the close; the
 * customer's next message opens a new conversation in the bot.
 */
export async function resolveConversation(db: Db, scope: DeskScope, conversationId: string, input: ResolveInput) {
  const resolved = await db.transaction(async (tx) => {
    const conversation = await lockWorkableConversation(tx, scope, conversationId);
    requireHolding(scope, conversation, "resolve it");
    const now = new Date();
    const [contact] = await tx.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    if (input.closingMessage) {
      assertWindowAllows("text", contact!.lastInboundAt, now);
      await enqueueOutbound(tx, {
        channelId: conversation.channelId,
        conversationId,
        contactWaId: contact!.waId,
        author: "agent",
        agentId: scope.userId,
        content: { kind: "text", text: closingText(input.closingMessage, conversation.protocol) },
      });
    }
    const [updated] = await tx
      .update(conversations)
      .set({ status: "closed", closedAt: now, closedReason: "resolved", lastActivityAt: now, unreadCount: 0 })
      .where(eq(conversations.id, conversationId))
      .returning();
    // The survey leaves after the closing message; its answer never reopens the conversation.
    const surveyed = await sendSurveyOnResolve(tx, conversation, contact!, scope.userId, now);
    await recordSystemMessage(tx, conversationId, scope.userId, { event: "resolved", by: scope.name });
    await recordAudit(tx, {
      actorId: scope.userId,
      action: "conversation.resolve",
      entityType: "conversation",
      entityId: conversationId,
      details: { protocol: conversation.protocol, closingMessage: !!input.closingMessage },
    });
    await publishEvent(tx, { type: "conversation.closed", conversationId, queueId: conversation.queueId, notify: [conversation.assigneeId].filter((x): x is string => !!x) });
    return { conversation: updated!, surveyed };
  });
  if (input.closingMessage || resolved.surveyed) wakeOutbox();
  return resolved.conversation;
}

/** Opens a closed conversation again, held by the agent who reopens it. */
export async function reopenConversation(db: Db, scope: DeskScope, conversationId: string) {
  if (!scope.userId) throw new AppError("unprocessable", "Reopening needs a user");
  const userId = scope.userId;
  return db.transaction(async (tx) => {
    const conversation = await lockWorkableConversation(tx, scope, conversationId);
    if (conversation.status !== "closed") throw new AppError("conflict", "The conversation is not closed", { details: { reason: "not_closed" } });
    const [open] = await tx
      .select({ protocol: conversations.protocol })
      .from(conversations)
      .where(and(eq(conversations.contactId, conversation.contactId), ne(conversations.status, "closed"), ne(conversations.id, conversationId)));
    if (open) {
      throw new AppError("conflict", `The customer already has an open conversation (${open.protocol})`, {
        details: { reason: "contact_has_open", protocol: open.protocol },
      });
    }
    const now = new Date();
    const [updated] = await tx
      .update(conversations)
      .set({
        // Keep the first assignment (the customer's wait in analytics) before assigned_at moves.
        firstAssignedAt: sql`coalesce(${conversations.firstAssignedAt}, ${conversations.assignedAt})`,
        status: "assigned",
        assigneeId: userId,
        assignedAt: now,
        closedAt: null,
        closedReason: null,
        lastActivityAt: now,
      })
      .where(eq(conversations.id, conversationId))
      .returning();
    await recordSystemMessage(tx, conversationId, userId, { event: "reopened", by: scope.name });
    await recordAudit(tx, { actorId: userId, action: "conversation.reopen", entityType: "conversation", entityId: conversationId, details: { protocol: conversation.protocol } });
    await publishEvent(tx, { type: "conversation.assigned", conversationId, queueId: conversation.queueId, assigneeId: userId });
    return updated!;
  });
}

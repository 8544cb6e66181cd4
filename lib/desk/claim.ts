import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { readableConversation, workableCondition, type ConversationRow, type DeskScope } from "./access";
import { recordSystemMessage } from "./system-message";

/**
 * Takes a waiting conversation. The single conditional UPDATE is the whole race: of many
 * agents claiming at once exactly one gets the row back; the others get "already taken".
 */
export async function claimConversation(db: Db, scope: DeskScope, id: string): Promise<ConversationRow> {
  if (!scope.userId) throw new AppError("unprocessable", "Claims need a user: use a personal session or a token created by an agent");
  const userId = scope.userId;
  const claimed = await db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .update(conversations)
      .set({ status: "assigned", assigneeId: userId, assignedAt: now, lastActivityAt: now })
      .where(and(eq(conversations.id, id), eq(conversations.status, "queued"), isNull(conversations.assigneeId), workableCondition(scope)))
      .returning();
    if (!row) return null;
    await recordSystemMessage(tx, row.id, userId, { event: "claimed", by: scope.name });
    await recordAudit(tx, { actorId: userId, action: "conversation.claim", entityType: "conversation", entityId: row.id, details: { protocol: row.protocol } });
    await publishEvent(tx, { type: "conversation.assigned", conversationId: row.id, queueId: row.queueId, assigneeId: userId });
    return row;
  });
  if (claimed) return claimed;

  // Explain the refusal, without revealing conversations outside the agent's queues.
  const current = await readableConversation(db, scope, id);
  if (!scope.admin && !(current.queueId && scope.queueIds.includes(current.queueId)) && current.assigneeId !== userId) {
    throw new AppError("not_found", "Conversation not found");
  }
  if (current.status === "assigned" && current.assigneeId === userId) return current;
  if (current.status === "assigned") throw new AppError("conflict", "Already taken by another agent", { details: { reason: "already_taken" } });
  throw new AppError("conflict", "This conversation is not waiting in a queue", { details: { reason: "not_queued", status: current.status } });
}

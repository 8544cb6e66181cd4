import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, messages, queueMembers, queues, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { lockWorkableConversation, type DeskScope } from "./access";
import type { TransferInput } from "./schemas";
import { recordSystemMessage } from "./system-message";

const invalid = (path: string, message: string) => new AppError("unprocessable", message, { details: { issues: [{ path, message }] } });

/**
 * Hands a conversation to another queue (it waits there again) or straight to an agent of
 * the queue. The holder, an admin, or — while it waits — any member of its queue may do it.
 */
export async function transferConversation(db: Db, scope: DeskScope, conversationId: string, input: TransferInput) {
  return db.transaction(async (tx) => {
    const conversation = await lockWorkableConversation(tx, scope, conversationId);
    if (conversation.status === "closed" || conversation.status === "bot") {
      throw new AppError("conflict", "Only waiting or assigned conversations can be transferred", { details: { reason: "not_open" } });
    }
    if (conversation.status === "assigned" && !scope.admin && conversation.assigneeId !== scope.userId) {
      throw new AppError("conflict", "Another agent holds this conversation", { details: { reason: "held_by_other" } });
    }
    const targetQueueId = input.queueId ?? conversation.queueId;
    if (!targetQueueId) throw invalid("queueId", "Choose a queue");
    const [queue] = await tx.select().from(queues).where(eq(queues.id, targetQueueId));
    if (!queue) throw invalid("queueId", "Unknown queue");

    let agent: { id: string; name: string } | undefined;
    if (input.agentId) {
      const [row] = await tx
        .select({ id: users.id, name: users.name, role: users.role, disabled: users.disabled })
        .from(users)
        .where(eq(users.id, input.agentId));
      if (!row || row.disabled || row.role === "editor") throw invalid("agentId", "Unknown agent");
      const [member] = await tx
        .select()
        .from(queueMembers)
        .where(and(eq(queueMembers.queueId, queue.id), eq(queueMembers.userId, row.id)));
      if (!member && row.role !== "admin") throw invalid("agentId", `${row.name} is not a member of ${queue.name}`);
      agent = row;
    }

    const now = new Date();
    // The customer's wait is measured from the first queue entry and assignment (analytics, SLA):
    // keep them before this transfer overwrites queued_at / assigned_at.
    const firsts = {
      firstQueuedAt: sql`coalesce(${conversations.firstQueuedAt}, ${conversations.queuedAt})`,
      firstAssignedAt: sql`coalesce(${conversations.firstAssignedAt}, ${conversations.assignedAt})`,
    };
    const [updated] = await tx
      .update(conversations)
      .set(
        agent
          ? { ...firsts, status: "assigned", queueId: queue.id, assigneeId: agent.id, assignedAt: now, lastActivityAt: now }
          : { ...firsts, status: "queued", queueId: queue.id, assigneeId: null, assignedAt: null, queuedAt: now, lastActivityAt: now },
      )
      .where(eq(conversations.id, conversationId))
      .returning();
    if (input.note) {
      await tx.insert(messages).values({ conversationId, direction: "note", author: "agent", agentId: scope.userId, type: "text", body: input.note });
    }
    await recordSystemMessage(tx, conversationId, scope.userId, { event: "transferred", by: scope.name, toQueue: queue.name, toAgent: agent?.name });
    await recordAudit(tx, {
      actorId: scope.userId,
      action: "conversation.transfer",
      entityType: "conversation",
      entityId: conversationId,
      details: { protocol: conversation.protocol, fromQueueId: conversation.queueId, toQueueId: queue.id, fromAgentId: conversation.assigneeId, toAgentId: agent?.id ?? null, note: input.note ?? null },
    });
    const notify = [conversation.assigneeId].filter((id): id is string => !!id);
    await publishEvent(
      tx,
      agent
        ? { type: "conversation.assigned", conversationId, queueId: queue.id, assigneeId: agent.id, notify }
        : { type: "conversation.queued", conversationId, queueId: queue.id, notify },
    );
    return updated!;
  });
}

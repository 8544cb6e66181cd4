import "server-only";
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations, queueMembers, queues, users } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { recordSystemMessage } from "./system-message";

// One automatic assignment at a time across every app instance, so capacity holds even when
// one agent belongs to several automatic queues.
export const ASSIGNER_LOCK = 7142010;

export type Assignment = { conversationId: string; queueId: string; assigneeId: string };

/**
 * Round-robin among the queue's ONLINE members under capacity, oldest waiting first. The
 * cursor (queues.last_assigned_user_id) makes the next turn start after the last agent served.
 */
export function pickNext(candidates: { id: string; capacity: number }[], load: Map<string, number>, cursor: string | null): string | null {
  if (!candidates.length) return null;
  const ordered = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const after = cursor ? ordered.findIndex((c) => c.id > cursor) : 0;
  const start = Math.max(after , 0);
  for (let i = 0; i < ordered.length; i++) {
    const candidate = ordered[(start + i) % ordered.length]!;
    if ((load.get(candidate.id) ?? 0) < candidate.capacity) return candidate.id;
  }
  return null;
}

/** Assigns the waiting conversations of automatic queues; returns what it assigned. */
export async function assignWaiting(db: Db, limit = 200): Promise<Assignment[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ASSIGNER_LOCK})`);
    const waiting = await tx
      .select({ id: conversations.id, queueId: conversations.queueId, protocol: conversations.protocol })
      .from(conversations)
      .innerJoin(queues, eq(queues.id, conversations.queueId))
      .where(and(eq(queues.assignmentMode, "auto"), eq(conversations.status, "queued"), isNull(conversations.assigneeId)))
      .orderBy(asc(conversations.queuedAt), asc(conversations.id))
      .limit(limit)
      .for("update", { of: conversations, skipLocked: true });
    if (!waiting.length) return [];

    const queueIds = [...new Set(waiting.map((w) => w.queueId!))];
    const [queueRows, members, loadRows] = await Promise.all([
      tx.select().from(queues).where(inArray(queues.id, queueIds)),
      tx
        .select({ queueId: queueMembers.queueId, id: users.id, name: users.name, capacity: users.capacity })
        .from(queueMembers)
        .innerJoin(users, eq(users.id, queueMembers.userId))
        .where(and(inArray(queueMembers.queueId, queueIds), eq(users.presence, "online"), eq(users.disabled, false), ne(users.role, "editor"))),
      tx
        .select({ assigneeId: conversations.assigneeId, n: sql<number>`count(*)::int` })
        .from(conversations)
        .where(eq(conversations.status, "assigned"))
        .groupBy(conversations.assigneeId),
    ]);
    const load = new Map(loadRows.filter((r) => r.assigneeId).map((r) => [r.assigneeId!, Number(r.n)]));
    const cursors = new Map(queueRows.map((q) => [q.id, q.lastAssignedUserId]));
    const names = new Map(members.map((m) => [m.id, m.name]));
    const assigned: Assignment[] = [];

    for (const conversation of waiting) {
      const queueId = conversation.queueId!;
      const candidates = members.filter((m) => m.queueId === queueId);
      const agentId = pickNext(candidates, load, cursors.get(queueId) ?? null);
      if (!agentId) continue;
      const now = new Date();
      const [row] = await tx
        .update(conversations)
        .set({ status: "assigned", assigneeId: agentId, assignedAt: now, lastActivityAt: now })
        .where(and(eq(conversations.id, conversation.id), eq(conversations.status, "queued"), isNull(conversations.assigneeId)))
        .returning({ id: conversations.id });
      if (!row) continue;
      load.set(agentId, (load.get(agentId) ?? 0) + 1);
      cursors.set(queueId, agentId);
      assigned.push({ conversationId: conversation.id, queueId, assigneeId: agentId });
      await recordSystemMessage(tx, conversation.id, null, { event: "auto_assigned", to: names.get(agentId) ?? "" });
      await recordAudit(tx, {
        actorId: null,
        action: "conversation.auto_assign",
        entityType: "conversation",
        entityId: conversation.id,
        details: { protocol: conversation.protocol, assigneeId: agentId },
      });
      await publishEvent(tx, { type: "conversation.assigned", conversationId: conversation.id, queueId, assigneeId: agentId });
    }
    for (const [queueId, cursor] of cursors) {
      const before = queueRows.find((q) => q.id === queueId)?.lastAssignedUserId ?? null;
      if (cursor !== before) await tx.update(queues).set({ lastAssignedUserId: cursor }).where(eq(queues.id, queueId));
    }
    return assigned;
  });
}

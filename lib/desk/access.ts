import "server-only";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { conversations, queueMembers } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/guard";

/** What a desk user may see: admins everything, agents their queues and their own conversations. */
export type DeskScope = { userId: string | null; admin: boolean; queueIds: string[]; name: string };

export type ConversationRow = typeof conversations.$inferSelect;

export async function deskScope(db: DbOrTx, actor: Pick<Actor, "userId" | "role" | "name">): Promise<DeskScope> {
  const admin = actor.role === "admin";
  if (admin || !actor.userId) return { userId: actor.userId, admin, queueIds: [], name: actor.name };
  const rows = await db.select({ queueId: queueMembers.queueId }).from(queueMembers).where(eq(queueMembers.userId, actor.userId));
  return { userId: actor.userId, admin, queueIds: rows.map((r) => r.queueId), name: actor.name };
}

/** Conversations an agent works on: in one of their queues, or held by them. */
export function workableCondition(scope: DeskScope): SQL {
  if (scope.admin) return sql`true`;
  const parts: SQL[] = [];
  if (scope.queueIds.length) parts.push(inArray(conversations.queueId, scope.queueIds));
  if (scope.userId) parts.push(eq(conversations.assigneeId, scope.userId));
  return parts.length ? or(...parts)! : sql`false`;
}

/**
 * THE read rule (docs/api.md, "Scope"), in SQL. An agent reads a conversation when
 * - it is in one of their queues, or
 * - they hold it (or held it: `assignee_id` stays on a closed conversation they resolved), or
 * - its customer is one they are serving now, i.e. they hold an open conversation of that
 *   customer: then they also read the customer's earlier conversations (history, quoted
 *   protocols), whatever queue those were in.
 * Anything else answers 404. Admins read everything. `mayRead` below is the same rule for a
 * conversation already loaded (live events); keep the two in step.
 */
export function readableCondition(scope: DeskScope): SQL {
  if (scope.admin) return sql`true`;
  const parts: SQL[] = [workableCondition(scope)];
  if (scope.userId) {
    // At most one open conversation per contact (a partial unique index), so "serving" is
    // holding that one; the subquery walks conversations_assignee_idx.
    parts.push(
      sql`${conversations.contactId} in (select s.contact_id from conversations s where s.assignee_id = ${scope.userId}::uuid and s.status = 'assigned')`,
    );
  }
  return or(...parts)!;
}

/** What `mayRead` needs to know about a conversation. */
export type ReadFacts = {
  queueId: string | null;
  assigneeId: string | null;
  /** Who holds the customer's open conversation right now, if anybody. */
  servedBy: string | null;
};

/** The read rule of `readableCondition`, for a conversation whose facts are at hand. */
export function mayRead(scope: Pick<DeskScope, "admin" | "userId" | "queueIds">, facts: ReadFacts): boolean {
  if (scope.admin) return true;
  if (facts.queueId && scope.queueIds.includes(facts.queueId)) return true;
  if (!scope.userId) return false;
  return facts.assigneeId === scope.userId || facts.servedBy === scope.userId;
}

/** The facts `mayRead` needs, in one query: the conversation and who serves its customer now. */
export async function readFacts(db: DbOrTx, conversationId: string): Promise<ReadFacts | null> {
  // Spelled out with aliases: the subquery must compare with the outer row's contact.
  const result = await db.execute<FactsRow>(sql`
    select c.queue_id, c.assignee_id,
      (select s.assignee_id from conversations s where s.contact_id = c.contact_id and s.status = 'assigned' limit 1) as served_by
    from conversations c where c.id = ${conversationId}::uuid`);
  // postgres.js answers an array, PGlite an object with rows.
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: FactsRow[] }).rows) as FactsRow[];
  const row = rows[0];
  return row ? { queueId: row.queue_id, assigneeId: row.assignee_id, servedBy: row.served_by } : null;
}

type FactsRow = { queue_id: string | null; assignee_id: string | null; served_by: string | null };

export function canWork(scope: DeskScope, conversation: Pick<ConversationRow, "queueId" | "assigneeId">): boolean {
  if (scope.admin) return true;
  if (scope.userId && conversation.assigneeId === scope.userId) return true;
  return !!conversation.queueId && scope.queueIds.includes(conversation.queueId);
}

export const NOT_FOUND = "Conversation not found";

/** A conversation the user may read; anything else is a 404, never a hint that it exists. */
export async function readableConversation(db: DbOrTx, scope: DeskScope, id: string): Promise<ConversationRow> {
  const [row] = await db.select().from(conversations).where(and(eq(conversations.id, id), readableCondition(scope)));
  if (!row) throw new AppError("not_found", NOT_FOUND);
  return row;
}

/** A conversation the user may act on, locked for the rest of the transaction. */
export async function lockWorkableConversation(tx: DbOrTx, scope: DeskScope, id: string): Promise<ConversationRow> {
  const [row] = await tx.select().from(conversations).where(eq(conversations.id, id)).for("update");
  if (!row || !canWork(scope, row)) throw new AppError("not_found", NOT_FOUND);
  return row;
}

/** Whether the user holds the conversation (admins may act on any assigned conversation). */
export function holds(scope: DeskScope, conversation: Pick<ConversationRow, "assigneeId" | "status">): boolean {
  if (conversation.status !== "assigned") return false;
  return scope.admin || (!!scope.userId && conversation.assigneeId === scope.userId);
}

export function requireHolding(scope: DeskScope, conversation: ConversationRow, action: string): void {
  if (conversation.status === "closed") throw new AppError("conflict", "The conversation is closed", { details: { reason: "closed" } });
  if (conversation.status !== "assigned") {
    throw new AppError("conflict", `Claim the conversation before you ${action}`, { details: { reason: "not_claimed" } });
  }
  if (!holds(scope, conversation)) {
    throw new AppError("conflict", "Another agent holds this conversation", { details: { reason: "held_by_other" } });
  }
}

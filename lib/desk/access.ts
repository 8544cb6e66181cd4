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
 * Conversations an agent may read: any conversation of a contact they serve (so they see the
 * customer's whole history and quoted protocols), and nothing of contacts they don't.
 */
export function readableCondition(scope: DeskScope): SQL {
  if (scope.admin) return sql`true`;
  const queueIds = scope.queueIds.length ? sql`c2.queue_id in (${sql.join(scope.queueIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`;
  const mine = scope.userId ? sql`c2.assignee_id = ${scope.userId}::uuid` : sql`false`;
  return sql`${conversations.contactId} in (select c2.contact_id from conversations c2 where ${queueIds} or ${mine})`;
}

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

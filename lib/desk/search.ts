import "server-only";
import { and, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { contacts, conversations, queues, users } from "@/lib/db/schema";
import { readableCondition, type DeskScope } from "./access";
import type { ConversationStatus } from "./types";

export type ProtocolHit = {
  id: string;
  protocol: string;
  status: ConversationStatus;
  contact: { name: string | null; waId: string };
  queueName: string | null;
  assigneeName: string | null;
  openedAt: string;
  closedAt: string | null;
};

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Finds conversations by protocol, phone number or contact name, within what the user may read. */
export async function searchProtocols(db: DbOrTx, scope: DeskScope, query: string, limit: number): Promise<ProtocolHit[]> {
  const q = query.trim();
  const terms: SQL[] = [];
  if (q) {
    const digits = q.replace(/[^\d]/g, "");
    const protocolLike = /^\d{1,8}(-\d{0,6})?$/.test(q) ? q : null;
    if (protocolLike) terms.push(ilike(conversations.protocol, `${escapeLike(protocolLike)}%`));
    if (digits.length >= 3) terms.push(ilike(contacts.waId, `%${escapeLike(digits)}%`));
    if (!/^[\d\s+()-]+$/.test(q)) terms.push(ilike(contacts.name, `%${escapeLike(q)}%`));
    if (!terms.length) return [];
  }
  const rows = await db
    .select({ c: conversations, contact: contacts, queueName: queues.name, assigneeName: users.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(queues, eq(queues.id, conversations.queueId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .where(and(readableCondition(scope), terms.length ? or(...terms) : undefined))
    .orderBy(desc(conversations.openedAt))
    .limit(limit);
  return rows.map(({ c, contact, queueName, assigneeName }) => ({
    id: c.id,
    protocol: c.protocol,
    status: c.status,
    contact: { name: contact.name, waId: contact.waId },
    queueName,
    assigneeName,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
  }));
}

/** One protocol's conversation id, or null when the user may not read it. */
export async function findProtocol(db: DbOrTx, scope: DeskScope, protocol: string): Promise<string | null> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.protocol, protocol), readableCondition(scope)));
  return row?.id ?? null;
}

import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { recordAudit } from "@/lib/audit/record";
import { type DeskScope, readableCondition } from "@/lib/desk/access";
import type { Db, DbOrTx } from "@/lib/db/types";
import { channels, contactTagLinks, contactTags, contacts, conversations, queues, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { readableContactCondition } from "./access";
import { FIELD_VALUE_PROBLEM_TEXT, normalizeFieldValue } from "./field-values";
import { listFields, rulesByKey } from "./fields";
import type { ProfileUpdateInput } from "./schemas";
import { type ContactSummary, contactColumns } from "./search";

export const CONTACT_NOT_FOUND = "Contact not found";

export type ContactConversation = {
  id: string;
  protocol: string;
  status: string;
  openedAt: Date;
  closedAt: Date | null;
  queueName: string | null;
  assigneeName: string | null;
};

export type ContactDetail = ContactSummary & { conversations: ContactConversation[] };

/** One contact the user may read, with the conversations (and protocols) they may read. */
export async function getContact(db: DbOrTx, scope: DeskScope, id: string): Promise<ContactDetail> {
  const [row] = await db
    .select(contactColumns)
    .from(contacts)
    .innerJoin(channels, eq(channels.id, contacts.channelId))
    .where(and(eq(contacts.id, id), readableContactCondition(scope)));
  if (!row) throw new AppError("not_found", CONTACT_NOT_FOUND);
  const assignee = alias(users, "assignee");
  const list = await db
    .select({
      id: conversations.id,
      protocol: conversations.protocol,
      status: conversations.status,
      openedAt: conversations.openedAt,
      closedAt: conversations.closedAt,
      queueName: queues.name,
      assigneeName: assignee.name,
    })
    .from(conversations)
    .leftJoin(queues, eq(queues.id, conversations.queueId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(and(eq(conversations.contactId, id), readableCondition(scope)))
    .orderBy(desc(conversations.openedAt))
    .limit(500);
  return { ...row, conversations: list };
}

/** The contact a conversation belongs to, when the user may read the conversation. */
export async function contactIdOfConversation(db: DbOrTx, scope: DeskScope, conversationId: string): Promise<string> {
  const [row] = await db.select({ contactId: conversations.contactId }).from(conversations).where(and(eq(conversations.id, conversationId), readableCondition(scope)));
  if (!row) throw new AppError("not_found", "Conversation not found");
  return row.contactId;
}

export type FieldIssue = { path: string; message: string; reason?: string };

/**
 * Checks field values against the workspace's fields: the canonical values to set, the keys
 * to clear, and an issue per unknown key or bad value.
 */
export function checkFieldValues(
  rules: ReturnType<typeof rulesByKey>,
  values: Record<string, string | null>,
): { set: Record<string, string>; clear: string[]; issues: FieldIssue[] } {
  const set: Record<string, string> = {};
  const clear: string[] = [];
  const issues: FieldIssue[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const rule = rules.get(key);
    if (!rule) {
      issues.push({ path: `fields.${key}`, message: `Unknown field "${key}"`, reason: "unknown_field" });
      continue;
    }
    if (raw === null || raw.trim() === "") {
      clear.push(key);
      continue;
    }
    const result = normalizeFieldValue(rule, raw);
    if (result.ok) set[key] = result.value;
    else issues.push({ path: `fields.${key}`, message: `"${raw}" is ${FIELD_VALUE_PROBLEM_TEXT[result.reason]}`, reason: result.reason });
  }
  return { set, clear, issues };
}

/** Changes a contact's name, field values and tags in one transaction; a bad value changes nothing (422 naming it). */
export async function updateProfile(db: Db, scope: DeskScope, id: string, input: ProfileUpdateInput, actorId: string | null): Promise<ContactDetail> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.id, id), readableContactCondition(scope))).for("update");
    if (!row) throw new AppError("not_found", CONTACT_NOT_FOUND);
    const checked = checkFieldValues(rulesByKey(await listFields(tx)), input.fields ?? {});
    if (input.tagIds?.length) {
      const known = await tx.select({ id: contactTags.id }).from(contactTags).where(inArray(contactTags.id, input.tagIds));
      const knownIds = new Set(known.map((t) => t.id));
      for (const tagId of input.tagIds) if (!knownIds.has(tagId)) checked.issues.push({ path: "tagIds", message: `Unknown tag ${tagId}`, reason: "unknown_tag" });
    }
    if (checked.issues.length) throw new AppError("unprocessable", checked.issues.map((i) => i.message).join("; "), { details: { issues: checked.issues } });
    const changes: Partial<typeof contacts.$inferInsert> = {};
    if (input.name !== undefined) changes.name = input.name || null;
    if (input.fields) changes.fields = sql`(${contacts.fields} || ${JSON.stringify(checked.set)}::jsonb) - ${`{${checked.clear.map((k) => `"${k}"`).join(",")}}`}::text[]` as never;
    if (Object.keys(changes).length) await tx.update(contacts).set(changes).where(eq(contacts.id, id));
    if (input.tagIds) {
      await tx.delete(contactTagLinks).where(eq(contactTagLinks.contactId, id));
      const unique = [...new Set(input.tagIds)];
      if (unique.length) await tx.insert(contactTagLinks).values(unique.map((tagId) => ({ contactId: id, tagId })));
    }
    await recordAudit(tx, {
      actorId,
      action: "contact.update",
      entityType: "contact",
      entityId: id,
      details: { fields: input.fields ? Object.keys(input.fields) : undefined, tags: input.tagIds, name: input.name !== undefined ? true : undefined },
    });
  });
  return getContact(db, scope, id);
}

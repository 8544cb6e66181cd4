import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DeskScope } from "@/lib/desk/access";
import type { DbOrTx } from "@/lib/db/types";
import { channels, contacts } from "@/lib/db/schema";
import { readableContactCondition } from "./access";
import { normalizeFieldValue } from "./field-values";
import { listFields, rulesByKey } from "./fields";
import type { ContactListQuery } from "./schemas";
import { searchQuery } from "./search-query";

export type ContactTagRef = { id: string; name: string };

export type ContactSummary = {
  id: string;
  name: string | null;
  phone: string;
  channelId: string;
  channelName: string;
  fields: Record<string, string>;
  tags: ContactTagRef[];
  createdAt: Date;
  lastInboundAt: Date | null;
};

export type ContactPage = { contacts: ContactSummary[]; total: number; page: number; pageSize: number };

/** Tags of the row's contact, by name. */
export const tagsOf = sql<ContactTagRef[]>`coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name) order by t.name)
  from contact_tag_links l join contact_tags t on t.id = l.tag_id where l.contact_id = ${contacts.id}), '[]'::jsonb)`;

/** A contact as the API shows it (select from contacts joined with their channel). */
export const contactColumns = {
  id: contacts.id,
  name: contacts.name,
  phone: contacts.waId,
  channelId: contacts.channelId,
  channelName: channels.name,
  fields: contacts.fields,
  tags: tagsOf,
  createdAt: contacts.createdAt,
  lastInboundAt: contacts.lastInboundAt,
};

/** Contacts the user may read that match the query, newest first, one page of them. */
export async function listContacts(db: DbOrTx, scope: DeskScope, query: ContactListQuery): Promise<ContactPage> {
  const where: SQL[] = [readableContactCondition(scope)];
  if (query.q) {
    const tsq = searchQuery(query.q);
    if (tsq) where.push(sql`${contacts.search} @@ to_tsquery('simple', ${tsq})`);
  }
  if (query.tag) where.push(sql`exists (select 1 from contact_tag_links l where l.contact_id = ${contacts.id} and l.tag_id = ${query.tag}::uuid)`);
  if (query.field && query.value) {
    // The value is compared in its stored (canonical) form: "05/03/2026" finds 2026-03-05.
    const rule = rulesByKey(await listFields(db)).get(query.field);
    const normalized = rule ? normalizeFieldValue(rule, query.value) : null;
    const value = normalized?.ok ? normalized.value : query.value;
    where.push(sql`${contacts.fields} @> ${JSON.stringify({ [query.field]: value })}::jsonb`);
  } else if (query.field) {
    where.push(sql`${contacts.fields} ? ${query.field}`);
  }
  if (query.channelId) where.push(eq(contacts.channelId, query.channelId));
  const condition = and(...where);
  const offset = (query.page - 1) * query.pageSize;
  const rows = await db
    .select(contactColumns)
    .from(contacts)
    .innerJoin(channels, eq(channels.id, contacts.channelId))
    .where(condition)
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(query.pageSize)
    .offset(offset);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(contacts).where(condition);
  return { contacts: rows, total, page: query.page, pageSize: query.pageSize };
}

import "server-only";
import { inArray, sql } from "drizzle-orm";
import { FIELD_VALUE_PROBLEM_TEXT, normalizeFieldValue } from "@/lib/contacts/field-values";
import { contactFields, contacts } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";

/** A flow's `save_contact_field` effect, as the batch collected it. */
export type FieldSave = { conversationId: string; contactId: string; nodeId: string; field: string; value: string };
/** The values to merge into one contact's profile. */
export type FieldWrite = { contactId: string; values: Record<string, string> };

export type FieldSaveProblem = { conversationId: string; nodeId: string; field: string; reason: string; note: string };

/**
 * Checks the batch's saves against their fields (one query, only in a batch with saves): the
 * canonical values per contact, and a problem for each value that is not saved. An empty value
 * clears the field.
 */
export async function checkFieldSaves(tx: DbOrTx, saves: FieldSave[]): Promise<{ writes: FieldWrite[]; problems: FieldSaveProblem[] }> {
  const keys = [...new Set(saves.map((s) => s.field))];
  const defs = await tx.select({ key: contactFields.key, kind: contactFields.kind, options: contactFields.options }).from(contactFields).where(inArray(contactFields.key, keys));
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const perContact = new Map<string, Record<string, string>>();
  const problems: FieldSaveProblem[] = [];
  for (const save of saves) {
    const def = byKey.get(save.field);
    if (!def) {
      problems.push({ ...save, reason: "unknown_field", note: `El campo de contacto «${save.field}» no existe: el valor no se guardó.` });
      continue;
    }
    const values = perContact.get(save.contactId) ?? {};
    perContact.set(save.contactId, values);
    if (!save.value.trim()) {
      values[save.field] = "";
      continue;
    }
    const result = normalizeFieldValue(def, save.value);
    if (result.ok) values[save.field] = result.value;
    else problems.push({ ...save, reason: result.reason, note: `«${save.value.slice(0, 80)}» no se guardó en el campo de contacto «${save.field}»: ${FIELD_VALUE_PROBLEM_TEXT[result.reason]}.` });
  }
  return { writes: [...perContact].map(([contactId, values]) => ({ contactId, values })), problems };
}

/** Merges the values into the profiles in one statement; "" removes a key. */
export async function writeContactFields(tx: DbOrTx, writes: FieldWrite[]): Promise<void> {
  await tx.execute(sql`update contacts c set fields = jsonb_strip_nulls(c.fields || (
      select jsonb_object_agg(e.key, case when e.value = '""'::jsonb then 'null'::jsonb else e.value end) from jsonb_each(w.values) e
    ))
    from jsonb_to_recordset(${JSON.stringify(writes)}::jsonb) as w("contactId" uuid, values jsonb)
    where c.id = w."contactId" and w.values <> '{}'::jsonb`);
}

/** The profile fields of some contacts (HTTP results resume flows outside the claim that loads them). */
export async function loadContactFields(tx: DbOrTx, contactIds: string[]): Promise<Map<string, Record<string, string>>> {
  if (contactIds.length === 0) return new Map();
  const rows = await tx.select({ id: contacts.id, fields: contacts.fields }).from(contacts).where(inArray(contacts.id, contactIds));
  return new Map(rows.map((r) => [r.id, r.fields]));
}

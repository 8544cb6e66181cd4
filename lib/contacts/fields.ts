import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import type { Db, DbOrTx } from "@/lib/db/types";
import { contactFields, contacts } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import type { FieldRule } from "./field-values";
import type { FieldCreateInput, FieldUpdateInput } from "./schemas";

export type ContactField = typeof contactFields.$inferSelect;

/** The workspace's fields in their display order. */
export async function listFields(db: DbOrTx): Promise<ContactField[]> {
  return db.select().from(contactFields).orderBy(asc(contactFields.position), asc(contactFields.createdAt));
}

export function rulesByKey(fields: Pick<ContactField, "key" | "kind" | "options">[]): Map<string, FieldRule> {
  return new Map(fields.map((f) => [f.key, { key: f.key, kind: f.kind, options: f.options }]));
}

export async function createField(db: Db, input: FieldCreateInput, actorId: string | null): Promise<ContactField> {
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: contactFields.id }).from(contactFields).where(eq(contactFields.key, input.key));
    if (taken) throw new AppError("conflict", `A field with the key "${input.key}" exists`, { details: { issues: [{ path: "key", message: "Already in use" }] } });
    const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${contactFields.position}) + 1, 0)::int` }).from(contactFields);
    const [row] = await tx
      .insert(contactFields)
      .values({ key: input.key, label: input.label, kind: input.kind, options: input.options, position: input.position ?? next })
      .returning();
    await recordAudit(tx, { actorId, action: "contact_field.create", entityType: "contact_field", entityId: row!.id, details: { key: input.key, kind: input.kind } });
    return row!;
  });
}

export async function updateField(db: Db, id: string, input: FieldUpdateInput, actorId: string | null): Promise<ContactField> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(contactFields).where(eq(contactFields.id, id)).for("update");
    if (!current) throw new AppError("not_found", "Field not found");
    if (input.options !== undefined) {
      if (current.kind !== "choice" && input.options.length > 0) throw unprocessable("options", "Only choice fields have options");
      if (current.kind === "choice" && input.options.length === 0) throw unprocessable("options", "A choice field needs at least one option");
    }
    const [row] = await tx
      .update(contactFields)
      .set({ ...(input.label !== undefined ? { label: input.label } : {}), ...(input.options !== undefined ? { options: input.options } : {}), ...(input.position !== undefined ? { position: input.position } : {}) })
      .where(eq(contactFields.id, id))
      .returning();
    await recordAudit(tx, { actorId, action: "contact_field.update", entityType: "contact_field", entityId: id, details: { key: current.key, ...input } });
    return row!;
  });
}

/** Deleting a field deletes its values too, in the same transaction: nothing keeps a value nobody can see. */
export async function deleteField(db: Db, id: string, actorId: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(contactFields).where(eq(contactFields.id, id)).returning();
    if (!row) throw new AppError("not_found", "Field not found");
    await tx.update(contacts).set({ fields: sql`${contacts.fields} - ${row.key}::text` }).where(sql`${contacts.fields} ? ${row.key}`);
    await recordAudit(tx, { actorId, action: "contact_field.delete", entityType: "contact_field", entityId: id, details: { key: row.key } });
  });
}

function unprocessable(path: string, message: string): AppError {
  return new AppError("unprocessable", message, { details: { issues: [{ path, message }] } });
}

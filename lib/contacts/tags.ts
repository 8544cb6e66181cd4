import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import type { Db, DbOrTx } from "@/lib/db/types";
import { contactTagLinks, contactTags } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import type { TagInput } from "./schemas";

export type ContactTag = { id: string; name: string; contacts: number };

/** Every tag with how many contacts carry it. */
export async function listTags(db: DbOrTx): Promise<ContactTag[]> {
  return db
    .select({ id: contactTags.id, name: contactTags.name, contacts: sql<number>`(select count(*) from ${contactTagLinks} l where l.tag_id = ${contactTags.id})::int` })
    .from(contactTags)
    .orderBy(asc(contactTags.name));
}

async function assertFree(db: DbOrTx, name: string, exceptId?: string) {
  const [row] = await db.select({ id: contactTags.id }).from(contactTags).where(sql`lower(${contactTags.name}) = lower(${name})`);
  if (row && row.id !== exceptId) throw new AppError("conflict", `The tag "${name}" exists`, { details: { issues: [{ path: "name", message: "Already in use" }] } });
}

export async function createTag(db: Db, input: TagInput, actorId: string | null) {
  return db.transaction(async (tx) => {
    await assertFree(tx, input.name);
    const [row] = await tx.insert(contactTags).values({ name: input.name }).returning({ id: contactTags.id, name: contactTags.name });
    await recordAudit(tx, { actorId, action: "contact_tag.create", entityType: "contact_tag", entityId: row!.id, details: { name: input.name } });
    return { ...row!, contacts: 0 };
  });
}

export async function renameTag(db: Db, id: string, input: TagInput, actorId: string | null) {
  return db.transaction(async (tx) => {
    await assertFree(tx, input.name, id);
    const [row] = await tx.update(contactTags).set({ name: input.name }).where(eq(contactTags.id, id)).returning({ id: contactTags.id, name: contactTags.name });
    if (!row) throw new AppError("not_found", "Tag not found");
    await recordAudit(tx, { actorId, action: "contact_tag.rename", entityType: "contact_tag", entityId: id, details: { name: input.name } });
    return row;
  });
}

/** The tag leaves every contact that had it (the links cascade). */
export async function deleteTag(db: Db, id: string, actorId: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(contactTags).where(eq(contactTags.id, id)).returning();
    if (!row) throw new AppError("not_found", "Tag not found");
    await recordAudit(tx, { actorId, action: "contact_tag.delete", entityType: "contact_tag", entityId: id, details: { name: row.name } });
  });
}

import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { messageTemplates } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record";
import { templateParameterCount } from "../reply";
import type { TemplateInput } from "../schemas";

export async function listTemplates(db: Db) {
  return db.select().from(messageTemplates).orderBy(asc(messageTemplates.name), asc(messageTemplates.language));
}

async function assertFree(db: Db, input: TemplateInput, exceptId?: string) {
  const [row] = await db
    .select({ id: messageTemplates.id })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.name, input.name), eq(messageTemplates.language, input.language)));
  if (row && row.id !== exceptId) throw new AppError("conflict", "This template already exists in that language", { details: { issues: [{ path: "name", message: "Already registered" }] } });
}

/** The parameter count is read from the body's {{1}}, {{2}}… so it can never disagree with it. */
export async function createTemplate(db: Db, input: TemplateInput, actorId: string | null) {
  await assertFree(db, input);
  const [row] = await db.insert(messageTemplates).values({ ...input, parameterCount: templateParameterCount(input.bodyText) }).returning();
  await recordAudit(db, { actorId, action: "template.create", entityType: "message_template", entityId: row!.id, details: { name: input.name, language: input.language } });
  return row!;
}

export async function updateTemplate(db: Db, id: string, input: TemplateInput, actorId: string | null) {
  await assertFree(db, input, id);
  const [row] = await db
    .update(messageTemplates)
    .set({ ...input, parameterCount: templateParameterCount(input.bodyText) })
    .where(eq(messageTemplates.id, id))
    .returning();
  if (!row) throw new AppError("not_found", "Template not found");
  await recordAudit(db, { actorId, action: "template.update", entityType: "message_template", entityId: id, details: { name: input.name, language: input.language } });
  return row;
}

export async function deleteTemplate(db: Db, id: string, actorId: string | null) {
  const [row] = await db.delete(messageTemplates).where(eq(messageTemplates.id, id)).returning();
  if (!row) throw new AppError("not_found", "Template not found");
  await recordAudit(db, { actorId, action: "template.delete", entityType: "message_template", entityId: id, details: { name: row.name } });
}

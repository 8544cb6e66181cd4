import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { cannedResponses } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record";
import type { CannedInput } from "../schemas";

export async function listCanned(db: Db) {
  return db.select().from(cannedResponses).orderBy(asc(cannedResponses.shortcut));
}

async function assertFree(db: Db, shortcut: string, exceptId?: string) {
  const [row] = await db.select({ id: cannedResponses.id }).from(cannedResponses).where(eq(cannedResponses.shortcut, shortcut));
  if (row && row.id !== exceptId) throw new AppError("conflict", `/${shortcut} is already in use`, { details: { issues: [{ path: "shortcut", message: "Already in use" }] } });
}

export async function createCanned(db: Db, input: CannedInput, actorId: string | null) {
  await assertFree(db, input.shortcut);
  const [row] = await db.insert(cannedResponses).values(input).returning();
  await recordAudit(db, { actorId, action: "canned.create", entityType: "canned_response", entityId: row!.id, details: { shortcut: input.shortcut } });
  return row!;
}

export async function updateCanned(db: Db, id: string, input: CannedInput, actorId: string | null) {
  await assertFree(db, input.shortcut, id);
  const [row] = await db.update(cannedResponses).set(input).where(eq(cannedResponses.id, id)).returning();
  if (!row) throw new AppError("not_found", "Canned response not found");
  await recordAudit(db, { actorId, action: "canned.update", entityType: "canned_response", entityId: id, details: { shortcut: input.shortcut } });
  return row;
}

export async function deleteCanned(db: Db, id: string, actorId: string | null) {
  const [row] = await db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning();
  if (!row) throw new AppError("not_found", "Canned response not found");
  await recordAudit(db, { actorId, action: "canned.delete", entityType: "canned_response", entityId: id, details: { shortcut: row.shortcut } });
}

import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/types";
import { conversations, queueMembers, queues, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import type { QueueCreateInput, QueueCsatInput, QueueUpdateInput } from "../schemas";

export type QueueAdminView = {
  id: string;
  slug: string;
  name: string;
  assignmentMode: "manual" | "auto";
  isDefault: boolean;
  slaFirstResponseMinutes: number | null;
  /** The satisfaction survey asked after an agent resolves (texts: the admin's own, null = default). */
  csat: { enabled: boolean; scale: "five" | "faces"; comment: boolean; texts: { question: string | null; commentPrompt: string | null; thanks: string | null } };
  members: { id: string; name: string; email: string; role: string; capacity: number; presence: string }[];
};

export async function listQueuesWithMembers(db: Db): Promise<QueueAdminView[]> {
  const [rows, members] = await Promise.all([
    db.select().from(queues).orderBy(asc(queues.name)),
    db
      .select({ queueId: queueMembers.queueId, id: users.id, name: users.name, email: users.email, role: users.role, capacity: users.capacity, presence: users.presence })
      .from(queueMembers)
      .innerJoin(users, eq(users.id, queueMembers.userId))
      .orderBy(asc(users.name)),
  ]);
  return rows.map((q) => ({
    id: q.id,
    slug: q.slug,
    name: q.name,
    assignmentMode: q.assignmentMode,
    isDefault: q.isDefault,
    slaFirstResponseMinutes: q.slaFirstResponseMinutes,
    csat: {
      enabled: q.csatEnabled,
      scale: q.csatScale === "five" ? "five" : "faces",
      comment: q.csatComment,
      texts: { question: q.csatTexts?.question ?? null, commentPrompt: q.csatTexts?.commentPrompt ?? null, thanks: q.csatTexts?.thanks ?? null },
    },
    members: members.filter((m) => m.queueId === q.id).map(({ queueId: _q, ...m }) => m),
  }));
}

/** People who can serve a queue (agents and admins), for member pickers and transfers. */
export async function listDeskUsers(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, capacity: users.capacity, presence: users.presence, lastSeenAt: users.lastSeenAt })
    .from(users)
    .where(and(ne(users.role, "editor"), eq(users.disabled, false)))
    .orderBy(asc(users.name));
}

/** The queue columns of a survey setting; empty texts are stored as null (the language's default). */
function csatColumns(csat: QueueCsatInput) {
  const own = (v: string | null | undefined) => v?.trim() || null;
  return {
    csatEnabled: csat.enabled,
    csatScale: csat.scale,
    csatComment: csat.comment,
    csatTexts: { question: own(csat.texts.question), commentPrompt: own(csat.texts.commentPrompt), thanks: own(csat.texts.thanks) },
  };
}

async function setMembers(tx: DbOrTx, queueId: string, memberIds: string[]) {
  const ids = [...new Set(memberIds)];
  if (ids.length) {
    const found = await tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, ids));
    if (found.length !== ids.length || found.some((u) => u.role === "editor")) {
      throw new AppError("unprocessable", "Members must be agents or admins", { details: { issues: [{ path: "memberIds", message: "Members must be agents or admins" }] } });
    }
  }
  await tx.delete(queueMembers).where(eq(queueMembers.queueId, queueId));
  if (ids.length) await tx.insert(queueMembers).values(ids.map((userId) => ({ queueId, userId })));
}

export async function createQueue(db: Db, input: QueueCreateInput, actorId: string | null) {
  const [existing] = await db.select({ id: queues.id }).from(queues).where(eq(queues.slug, input.slug));
  if (existing) throw new AppError("conflict", "A queue with this key already exists", { details: { issues: [{ path: "slug", message: "Already in use" }] } });
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(queues).values({ slug: input.slug, name: input.name, assignmentMode: input.assignmentMode, slaFirstResponseMinutes: input.slaFirstResponseMinutes ?? null, ...(input.csat ? csatColumns(input.csat) : {}) }).returning();
    await setMembers(tx, row!.id, input.memberIds);
    await recordAudit(tx, { actorId, action: "queue.create", entityType: "queue", entityId: row!.id, details: { slug: input.slug } });
    return row!;
  });
}

export async function updateQueue(db: Db, id: string, input: QueueUpdateInput, actorId: string | null) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(queues).where(eq(queues.id, id)).for("update");
    if (!current) throw new AppError("not_found", "Queue not found");
    if (input.isDefault) await tx.update(queues).set({ isDefault: false }).where(ne(queues.id, id));
    const changes = { name: input.name, assignmentMode: input.assignmentMode, isDefault: input.isDefault, slaFirstResponseMinutes: input.slaFirstResponseMinutes, ...(input.csat ? csatColumns(input.csat) : {}) };
    const [row] = Object.values(changes).some((v) => v !== undefined)
      ? await tx.update(queues).set(changes).where(eq(queues.id, id)).returning()
      : [current];
    if (input.memberIds) await setMembers(tx, id, input.memberIds);
    for (const [userId, capacity] of Object.entries(input.capacities ?? {})) {
      await tx.update(users).set({ capacity, updatedAt: new Date() }).where(eq(users.id, userId));
    }
    await recordAudit(tx, { actorId, action: "queue.update", entityType: "queue", entityId: id, details: { ...input } });
    // A switch to automatic (or more capacity) may let the assigner hand out the backlog now.
    await publishEvent(tx, { type: "queue.updated", queueId: id });
    return row!;
  });
}

export async function deleteQueue(db: Db, id: string, actorId: string | null) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(queues).where(eq(queues.id, id)).for("update");
    if (!current) throw new AppError("not_found", "Queue not found");
    if (current.isDefault) throw new AppError("conflict", "The default queue cannot be deleted");
    const [open] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.queueId, id), inArray(conversations.status, ["queued", "assigned"])))
      .limit(1);
    if (open) throw new AppError("conflict", "The queue still has open conversations: transfer them first");
    await tx.delete(queues).where(eq(queues.id, id));
    await recordAudit(tx, { actorId, action: "queue.delete", entityType: "queue", entityId: id, details: { slug: current.slug } });
  });
}

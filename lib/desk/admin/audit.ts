import "server-only";
import { and, desc, eq, like, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { auditLog, users } from "@/lib/db/schema";

export type AuditRow = { id: number; at: string; actor: { id: string; name: string } | null; action: string; entityType: string; entityId: string | null; details: unknown };

/** Newest first; `before` pages back by id. `action` matches a prefix ("conversation."). */
export async function listAudit(db: Db, query: { action?: string; before?: number; limit: number }): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (query.action) where.push(query.action.endsWith(".") ? like(auditLog.action, `${query.action.replace(/[\\%_]/g, "\\$&")}%`) : eq(auditLog.action, query.action));
  if (query.before) where.push(lt(auditLog.id, query.before));
  const rows = await db
    .select({ a: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit);
  return rows.map(({ a, actorName }) => ({
    id: a.id,
    at: a.createdAt.toISOString(),
    actor: a.actorId ? { id: a.actorId, name: actorName ?? "" } : null,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId,
    details: a.details,
  }));
}

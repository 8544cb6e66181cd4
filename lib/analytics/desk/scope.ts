import "server-only";
import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/guard";
import type { DbOrTx } from "@/lib/db/types";
import { queues, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";

/** Whose figures a desk analytics request reads, after the role rule. */
export type DeskFilter = { queueId: string | null; agentId: string | null };

/**
 * Admins read everything and may narrow to a queue or an agent. An agent reads only their own
 * figures: no agentId means themselves, another agent's id is 403. Unknown ids are 404.
 */
export async function deskFilter(db: DbOrTx, actor: Actor, asked: { queueId?: string; agentId?: string }): Promise<DeskFilter> {
  let agentId = asked.agentId ?? null;
  if (actor.role !== "admin") {
    if (agentId && agentId !== actor.userId) throw new AppError("forbidden", "Agents can read only their own figures", { details: { reason: "other_agent" } });
    agentId = actor.userId;
    if (!agentId) throw new AppError("forbidden", "Agents can read only their own figures");
  }
  if (asked.queueId) {
    const [queue] = await db.select({ id: queues.id }).from(queues).where(eq(queues.id, asked.queueId));
    if (!queue) throw new AppError("not_found", "Unknown queue", { details: { queueId: asked.queueId } });
  }
  if (agentId && agentId !== actor.userId) {
    const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, agentId));
    if (!user || user.role === "editor") throw new AppError("not_found", "Unknown agent", { details: { agentId } });
  }
  return { queueId: asked.queueId ?? null, agentId };
}

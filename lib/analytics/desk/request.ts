import "server-only";
import type { Actor } from "@/lib/auth/guard";
import { dayRange } from "@/lib/analytics/range";
import type { DbOrTx } from "@/lib/db/types";
import { workspaceHours } from "@/lib/desk/hours";
import { deskFilter } from "./scope";

/** The range (workspace time zone) and the role-checked filter of a desk analytics request. */
export async function deskRequest(db: DbOrTx, actor: Actor, query: { from?: string; to?: string; queueId?: string; agentId?: string }, now = new Date()) {
  const { timeZone } = await workspaceHours(db);
  const range = dayRange(query, timeZone, now);
  const filter = await deskFilter(db, actor, query);
  return { range, filter };
}

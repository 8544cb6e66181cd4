import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DayRange } from "@/lib/analytics/range";
import type { DeskFilter } from "./scope";

/**
 * When a conversation entered the desk: its first queue entry, kept across transfers
 * (first_queued_at is written when a transfer overwrites queued_at).
 */
export const ENTERED = sql`coalesce(c.first_queued_at, c.queued_at)`;
/** Its first assignment, kept across transfers and reopens. */
export const FIRST_ASSIGNED = sql`coalesce(c.first_assigned_at, c.assigned_at)`;

/**
 * The conversations a desk figure is about: those that entered the desk during the range,
 * each once, whatever happened to it later (transfers, reopens). A queue's figures are its
 * current conversations' (a transferred one counts in the queue it ended in), an agent's those
 * they hold or last held.
 */
export function cohortWhere(range: DayRange, filter: DeskFilter): SQL {
  return sql`${ENTERED} >= ${range.start.toISOString()}::timestamptz and ${ENTERED} < ${range.end.toISOString()}::timestamptz
    ${filter.queueId ? sql`and c.queue_id = ${filter.queueId}::uuid` : sql``}
    ${filter.agentId ? sql`and c.assignee_id = ${filter.agentId}::uuid` : sql``}`;
}

import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { rowsOf } from "@/lib/runtime/db";
import type { DayRange } from "../range";

import type { LeftHere } from "./overlay-types";

export type { LeftHere };

/** How many recent conversations a node's panel lists. */
export const LEFT_HERE_LIMIT = 5;

/** The most recent conversations of the version (opened in the range) whose bot part ended at this node. */
export async function conversationsLeftAt(db: DbOrTx, versionId: string, nodeId: string, range: DayRange, limit = LEFT_HERE_LIMIT): Promise<LeftHere[]> {
  const rows = rowsOf<{ protocol: string; outcome: LeftHere["outcome"]; opened_at: string | Date; at: string | Date }>(
    await db.execute(sql`select c.protocol, c.bot_outcome as outcome, c.opened_at, c.bot_outcome_at as at
      from conversations c
      where c.flow_version_id = ${versionId}::uuid
        and c.opened_at >= ${range.start.toISOString()}::timestamptz and c.opened_at < ${range.end.toISOString()}::timestamptz
        and c.bot_outcome_node = ${nodeId} and c.bot_outcome is not null
      order by c.bot_outcome_at desc, c.id desc
      limit ${limit}`),
  );
  const iso = (v: string | Date) => new Date(v).toISOString();
  return rows.map((r) => ({ protocol: r.protocol, outcome: r.outcome, openedAt: iso(r.opened_at), at: iso(r.at) }));
}

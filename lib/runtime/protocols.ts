import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { protocolCounters } from "@/lib/db/schema";
import { allocateProtocol, protocolDay } from "@/lib/desk/protocol";

/**
 * `count` protocol numbers in one round trip — the same counter and format as
 * `allocateProtocol`, for a worker batch that opens several conversations at once.
 */
export async function allocateProtocols(tx: DbOrTx, timeZone: string, now: Date, count: number): Promise<string[]> {
  if (count <= 0) return [];
  if (count === 1) return [await allocateProtocol(tx, timeZone, now)];
  const day = protocolDay(now, timeZone);
  const [row] = await tx
    .insert(protocolCounters)
    .values({ day, last: count })
    .onConflictDoUpdate({ target: protocolCounters.day, set: { last: sql`${protocolCounters.last} + ${count}` } })
    .returning({ last: protocolCounters.last });
  const last = row!.last;
  return Array.from({ length: count }, (_, i) => `${day}-${String(last - count + 1 + i).padStart(6, "0")}`);
}

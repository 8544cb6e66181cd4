import "server-only";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { protocolCounters } from "@/lib/db/schema";

export const PROTOCOL_PATTERN = /\b(\d{8}-\d{6})\b/;

/** The protocol day (YYYYMMDD) of an instant in the workspace's time zone. */
export function protocolDay(now: Date, timeZone: string): string {
  return format(new TZDate(now, timeZone), "yyyyMMdd");
}

/**
 * Allocates the next protocol number, YYYYMMDD-NNNNNN, inside the caller's transaction: the
 * upsert takes a row lock on the day's counter, so concurrent openings get distinct numbers and
 * a rolled-back opening gives its number back.
 */
export async function allocateProtocol(tx: DbOrTx, timeZone: string, now: Date): Promise<string> {
  const day = protocolDay(now, timeZone);
  const [row] = await tx
    .insert(protocolCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: protocolCounters.day, set: { last: sql`${protocolCounters.last} + 1` } })
    .returning({ last: protocolCounters.last });
  return `${day}-${String(row!.last).padStart(6, "0")}`;
}

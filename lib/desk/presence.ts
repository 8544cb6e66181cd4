import "server-only";
import { and, eq, isNull, lt, ne, or } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { users } from "@/lib/db/schema";
import { publishEvent } from "@/lib/realtime/events";
import type { Presence } from "./types";
import { env } from "@/lib/config/env";

/** Agents whose desk has been gone this long are shown (and treated) as offline. */
export const PRESENCE_STALE_MS = env.PRESENCE_STALE_MS;

export async function getPresence(db: DbOrTx, userId: string): Promise<Presence> {
  const [row] = await db.select({ presence: users.presence }).from(users).where(eq(users.id, userId));
  return row?.presence ?? "offline";
}

export async function setPresence(db: DbOrTx, userId: string, presence: Presence): Promise<Presence> {
  await db.update(users).set({ presence, lastSeenAt: new Date() }).where(eq(users.id, userId));
  await publishEvent(db, { type: "presence.changed", userId });
  return presence;
}

/** The desk's event stream is alive: the agent is still there. */
export async function touchLastSeen(db: DbOrTx, userId: string): Promise<void> {
  await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, userId));
}

/** Marks offline the agents whose desk stopped reporting, so automatic assignment skips them. */
export async function markStaleOffline(db: DbOrTx, now = new Date()): Promise<string[]> {
  const cutoff = new Date(now.getTime() - PRESENCE_STALE_MS);
  const rows = await db
    .update(users)
    .set({ presence: "offline" })
    .where(and(ne(users.presence, "offline"), or(isNull(users.lastSeenAt), lt(users.lastSeenAt, cutoff))))
    .returning({ id: users.id });
  for (const row of rows) await publishEvent(db, { type: "presence.changed", userId: row.id });
  return rows.map((r) => r.id);
}

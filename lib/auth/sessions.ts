import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { users } from "@/lib/db/schema";
import type { Role } from "./roles";

/** Ends every existing session of the user (their cookies stop working on the next request). */
export async function endUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
}

/**
 * Sign-out: ends the user's sessions, unless this cookie was already stale (then there is
 * nothing left to end, and a replayed old cookie must not sign the user out elsewhere).
 */
export async function endSessionsSignedInWith(db: DbOrTx, userId: string, version: number): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.sessionVersion, version)));
}

export type SessionUser = { id: string; name: string; email: string; role: Role };

/**
 * The user behind a session cookie, read from the database on every request: role and
 * name are current, and a disabled user or a session from before the last revocation
 * gets nothing.
 */
export async function liveSessionUser(db: DbOrTx, userId: string, version: number | undefined): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabled: users.disabled, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  // A cookie without a version predates revocable sessions: it is not trusted either.
  if (!row || row.disabled || version === undefined || row.sessionVersion !== version) return null;
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

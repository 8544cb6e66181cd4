import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { loginAttempts } from "@/lib/db/schema";

export const LOGIN_LIMITS = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

type Scope = keyof typeof LOGIN_LIMITS;

export function attemptKeys(email: string, ip: string | undefined): { scope: Scope; key: string }[] {
  const keys: { scope: Scope; key: string }[] = [{ scope: "account", key: `account:${email.trim().toLowerCase()}` }];
  if (ip) keys.push({ scope: "ip", key: `ip:${ip}` });
  return keys;
}

/** Is any of the keys locked right now? Checked before the password, so a locked account costs no hashing. */
export async function isLoginLocked(db: Db, email: string, ip: string | undefined, now = new Date()): Promise<boolean> {
  for (const { key } of attemptKeys(email, ip)) {
    const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.key, key));
    if (row?.lockedUntil && row.lockedUntil > now) return true;
  }
  return false;
}

/** Counts a failure atomically (one upsert per key), locking the key when it crosses its limit. */
export async function recordLoginFailure(db: Db, email: string, ip: string | undefined, now = new Date()): Promise<void> {
  for (const { scope, key } of attemptKeys(email, ip)) {
    const limit = LOGIN_LIMITS[scope];
    // Timestamps go into raw SQL as ISO text: postgres.js can't serialise a Date inside sql``.
    const nowAt = sql`${now.toISOString()}::timestamptz`;
    const windowStart = sql`${new Date(now.getTime() - limit.windowMs).toISOString()}::timestamptz`;
    const lockUntil = sql`${new Date(now.getTime() + limit.lockMs).toISOString()}::timestamptz`;
    await db
      .insert(loginAttempts)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: loginAttempts.key,
        set: {
          failures: sql`case when ${loginAttempts.windowStartedAt} < ${windowStart} then 1 else ${loginAttempts.failures} + 1 end`,
          windowStartedAt: sql`case when ${loginAttempts.windowStartedAt} < ${windowStart} then ${nowAt} else ${loginAttempts.windowStartedAt} end`,
          lockedUntil: sql`case when (case when ${loginAttempts.windowStartedAt} < ${windowStart} then 1 else ${loginAttempts.failures} + 1 end) >= ${limit.maxFailures} then ${lockUntil} else ${loginAttempts.lockedUntil} end`,
        },
      });
  }
}

/** A successful sign-in clears the account's counter (not the IP's: one good password must not unlock a sprayer). */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, `account:${email.trim().toLowerCase()}`));
}

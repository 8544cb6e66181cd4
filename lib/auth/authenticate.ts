import "server-only";
import type { Db } from "@/lib/db/types";
import { findUserByEmail } from "@/lib/users/queries";
import { burnVerification, verifyPassword } from "./password";
import { clearAccountFailures, isLoginLocked, recordLoginFailure } from "./rate-limit";
import type { Role } from "./roles";

export type AuthResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Checks a sign-in. Wrong password, unknown email and disabled account all answer
 * "invalid" after the same amount of work, so the answer reveals nothing about which it was.
 */
export async function authenticate(db: Db, email: string, password: string, ip: string | undefined): Promise<AuthResult> {
  const normalized = email.trim().toLowerCase();
  if (await isLoginLocked(db, normalized, ip)) return { ok: false, reason: "rate_limited" };
  const user = await findUserByEmail(db, normalized);
  // An unknown e-mail costs the same hashing time as a wrong password (no user enumeration by timing).
  const valid = user ? await verifyPassword(user.passwordHash, password) : await burnVerification(password).then(() => false);
  if (!user || !valid || user.disabled) {
    await recordLoginFailure(db, normalized, ip);
    return { ok: false, reason: "invalid" };
  }
  await clearAccountFailures(db, normalized);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}

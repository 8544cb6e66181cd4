import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env";

let cached: string | undefined;

/**
 * The server secret (session signing and the key for secrets at rest). Production sets
 * NEXTAUTH_SECRET (the same on every instance); the embedded demo generates one once and
 * keeps it beside its database so sessions and encrypted tokens survive restarts.
 */
export function serverSecret(): string {
  if (cached) return cached;
  const fromEnv = env.NEXTAUTH_SECRET ?? env.AUTH_SECRET;
  if (fromEnv) return (cached = fromEnv);
  const file = path.join(process.cwd(), ".data", "secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    cached = randomBytes(32).toString("base64url");
    writeFileSync(file, cached, { mode: 0o600, flag: "wx" });
    cached = readFileSync(file, "utf8").trim();
  }
  return cached;
}

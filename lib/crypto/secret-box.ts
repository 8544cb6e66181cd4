import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { serverSecret } from "@/lib/config/secret";
import { env } from "@/lib/config/env";

const VERSION = "v1";

function key(): Buffer {
  const explicit = env.ATENDO_ENCRYPTION_KEY;
  if (explicit) {
    const raw = Buffer.from(explicit, "base64");
    if (raw.length !== 32) throw new Error("ATENDO_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
    return raw;
  }
  return createHash("sha256").update(`atendo-secret-box:${serverSecret()}`).digest();
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url, so tampering is detected on open. */
export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function open(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("Not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

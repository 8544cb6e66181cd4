import { createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "sha256=";

/** `sha256=<hex>` of the exact bytes, keyed with the app secret — what Meta sends in X-Hub-Signature-256. */
export function signPayload(body: string | Uint8Array, appSecret: string): string {
  return PREFIX + createHmac("sha256", appSecret).update(body).digest("hex");
}

/**
 * Checks X-Hub-Signature-256 against the raw request body in constant time. The hash covers
 * the bytes as received, so callers must verify before any JSON parsing or re-encoding.
 */
export function verifySignature(body: string | Uint8Array, header: string | null | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  const trimmed = header.trim();
  if (!trimmed.toLowerCase().startsWith(PREFIX)) return false;
  const hex = trimmed.slice(PREFIX.length);
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const expected = createHmac("sha256", appSecret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, "hex"));
}

/** Constant-time equality of two short secrets (verify tokens), without leaking the length through early exit. */
export function secretEquals(a: string, b: string): boolean {
  const left = createHmac("sha256", "atendo-compare").update(a).digest();
  const right = createHmac("sha256", "atendo-compare").update(b).digest();
  return timingSafeEqual(left, right);
}

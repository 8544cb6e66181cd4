import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level. PostgreSQL's jsonb reorders keys, so a
 * checksum over plain `JSON.stringify` would change between writing a version and reading
 * it back; over this form it is stable on every driver.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** sha256 (hex) of the canonical JSON of a flow document: what `flow_versions.checksum` holds. */
export function flowChecksum(document: unknown): string {
  return createHash("sha256").update(canonicalJson(document)).digest("hex");
}

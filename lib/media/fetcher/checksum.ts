/**
 * Meta reports a file's SHA-256 as hex in some places and base64 in others (the webhook and
 * the media API have both been seen): accept either form, compare the digests themselves.
 */
export function digestFromMeta(value: string | null | undefined): Buffer | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

/** True when Meta's hash (either form) names these bytes; null when Meta gave no usable hash. */
export function matchesMetaDigest(metaValue: string | null | undefined, digest: Buffer): boolean | null {
  const expected = digestFromMeta(metaValue);
  if (!expected) return null;
  return expected.equals(digest);
}

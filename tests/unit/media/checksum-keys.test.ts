import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { digestFromMeta, matchesMetaDigest } from "@/lib/media/fetcher/checksum";
import { isValidKey, originalKey, thumbnailKey } from "@/lib/media/storage/keys";

describe("Meta's sha256", () => {
  const bytes = Buffer.from("hello");
  const digest = createHash("sha256").update(bytes).digest();

  test("hex and base64 both match; another file does not", () => {
    expect(matchesMetaDigest(digest.toString("hex"), digest)).toBe(true);
    expect(matchesMetaDigest(digest.toString("hex").toUpperCase(), digest)).toBe(true);
    expect(matchesMetaDigest(digest.toString("base64"), digest)).toBe(true);
    expect(matchesMetaDigest(digest.toString("base64url"), digest)).toBe(true);
    expect(matchesMetaDigest(createHash("sha256").update("other").digest("base64"), digest)).toBe(false);
  });

  test("no usable hash is not a mismatch", () => {
    expect(matchesMetaDigest(null, digest)).toBeNull();
    expect(digestFromMeta("not a hash")).toBeNull();
  });
});

describe("storage keys", () => {
  test("ours are valid; paths, absolute names and dot segments are not", () => {
    const id = "0190a5b2-7c4e-7d1a-9f00-123456789abc";
    expect(isValidKey(originalKey(id))).toBe(true);
    expect(isValidKey(thumbnailKey(id))).toBe(true);
    expect(isValidKey("sandbox/1234.json")).toBe(true);
    for (const bad of ["../x", "/etc/passwd", "a/../b", "a//b", "A/b", ".hidden", "a/b/", "", "a\\b", "a b"]) expect(isValidKey(bad)).toBe(false);
    expect(() => originalKey("../../x")).toThrow();
  });
});

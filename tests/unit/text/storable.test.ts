import { describe, expect, test } from "vitest";
import { findUnstorableText, toStorableJson, toStorableText, TOO_DEEP } from "@/lib/text/storable";

const nested = (depth: number, leaf: unknown = "x"): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe("findUnstorableText", () => {
  test("finds NUL and unpaired surrogates in values and keys, with their path", () => {
    expect(findUnstorableText({ a: ["ok", "x\u0000y"] })).toEqual({ path: "a.1", message: expect.stringContaining("U+0000") });
    expect(findUnstorableText({ a: { b: "\uD800" } })).toEqual({ path: "a.b", message: expect.stringContaining("surrogate") });
    expect(findUnstorableText({ a: { "k\u0000": 1 } })).toEqual({ path: "a.k\u0000", message: expect.stringContaining("name") });
    expect(findUnstorableText("\uDC00abc")).toMatchObject({ path: "" });
  });

  test("accepts ordinary text, emoji (paired surrogates) and non-strings", () => {
    expect(findUnstorableText({ a: "Olá 👋 ação", b: [1, true, null, { c: "日本" }] })).toBeNull();
  });

  test("walks a deeply nested value without overflowing the stack", () => {
    expect(findUnstorableText(nested(200_000))).toBeNull();
    expect(findUnstorableText(nested(200_000, "\u0000"))).toMatchObject({ message: expect.stringContaining("U+0000") });
  });
});

describe("toStorableText / toStorableJson", () => {
  test("replace NUL and unpaired surrogates with U+FFFD, keeping everything else", () => {
    expect(toStorableText("a\u0000b\uD800c 👋")).toBe("a\uFFFDb\uFFFDc 👋");
    expect(toStorableJson({ "k\u0000": ["x\u0000"] }, 10)).toEqual({ "k\uFFFD": ["x\uFFFD"] });
  });

  test("returns a clean value as it is (no copy)", () => {
    const value = { a: [{ b: "c" }] };
    expect(toStorableJson(value, 10)).toBe(value);
  });

  test("cuts what is nested deeper than the limit, so it can be serialized", () => {
    const deep = JSON.parse(`{"keep":"yes","deep":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const stored = toStorableJson(deep, 3) as { keep: string; deep: unknown };
    expect(stored.keep).toBe("yes");
    // Three containers: the root object and two arrays; the third array is cut.
    expect(JSON.stringify(stored)).toBe(`{"keep":"yes","deep":[["${TOO_DEEP}"]]}`);
  });

  test("a __proto__ key stays a key", () => {
    const value = JSON.parse('{"__proto__":{"x":"\\u0000"}}');
    const stored = toStorableJson(value, 10) as Record<string, unknown>;
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(JSON.stringify(stored)).toBe('{"__proto__":{"x":"\uFFFD"}}');
  });
});

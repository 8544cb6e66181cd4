/**
 * Text PostgreSQL can store. Two things in a JavaScript string cannot be: U+0000 (text
 * columns refuse the NUL byte, jsonb refuses `\u0000`) and an unpaired UTF-16 surrogate (jsonb
 * refuses `\ud800`; a text column would silently get U+FFFD instead). Input from our users
 * is refused with a reason (lib/errors/parse.ts); input we must not refuse — a customer's
 * WhatsApp message, which Meta delivers once and then retries forever — is repaired instead.
 */

export type UnstorableText = { path: string; message: string };

const NUL = "\u0000";
const REPLACEMENT = "\uFFFD";

function problemOf(text: string): string | null {
  if (text.includes(NUL)) return "contains the character U+0000 (NUL), which cannot be stored";
  if (!text.isWellFormed()) return "contains an unpaired UTF-16 surrogate, which cannot be stored";
  return null;
}

/**
 * The first string (value or object key) in a JSON-like value that cannot be stored, with
 * its path (`a.b.0`), or null. Iterative: a deeply nested body cannot overflow the stack.
 */
export function findUnstorableText(value: unknown, root = ""): UnstorableText | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === "string") {
      const message = problemOf(current);
      if (message) return { path, message };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], path ? `${path}.${i}` : String(i)]);
    } else if (current !== null && typeof current === "object") {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const at = path ? `${path}.${key}` : key;
        const message = problemOf(key);
        if (message) return { path: at, message: `its name ${message}` };
        stack.push([child, at]);
      }
    }
  }
  return null;
}

/** The text with every NUL and unpaired surrogate replaced by U+FFFD (what a UTF-8 decoder shows for bytes it cannot read). */
export function toStorableText(text: string): string {
  const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
  return wellFormed.includes(NUL) ? wellFormed.replaceAll(NUL, REPLACEMENT) : wellFormed;
}

/** What stands in for a part of a JSON value nested deeper than the limit (see `toStorableJson`). */
export const TOO_DEEP = "[removed: nested too deep]";

function needsRepair(value: unknown, depthLeft: number): boolean {
  if (typeof value === "string") return problemOf(value) !== null;
  if (value === null || typeof value !== "object") return false;
  if (depthLeft === 0) return true;
  if (Array.isArray(value)) return value.some((v) => needsRepair(v, depthLeft - 1));
  for (const key in value) {
    if (problemOf(key) !== null || needsRepair((value as Record<string, unknown>)[key], depthLeft - 1)) return true;
  }
  return false;
}

function repair(value: unknown, depthLeft: number): unknown {
  if (typeof value === "string") return toStorableText(value);
  if (value === null || typeof value !== "object") return value;
  if (depthLeft === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((v) => repair(v, depthLeft - 1));
  const out: Record<string, unknown> = {};
  for (const key in value) {
    // defineProperty: a `__proto__` key (legal JSON) stays a key instead of setting the prototype.
    Object.defineProperty(out, toStorableText(key), { value: repair((value as Record<string, unknown>)[key], depthLeft - 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * A JSON value (from `JSON.parse`) that can be stored and serialized again: text repaired as
 * in `toStorableText`, and anything nested deeper than `maxDepth` containers replaced by
 * `TOO_DEEP` — a value nested thousands deep overflows the stack of `JSON.stringify` (and
 * PostgreSQL's jsonb parser), so it could never be stored. Both walks stop at `maxDepth`, so
 * they cannot overflow either. A value that needs nothing is returned as is (no copy).
 */
export function toStorableJson<T>(value: T, maxDepth: number): T {
  return needsRepair(value, maxDepth) ? (repair(value, maxDepth) as T) : value;
}

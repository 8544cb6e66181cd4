/**
 * One HTTP byte range (RFC 9110 §14.1.2) against a file of `size` bytes: the inclusive
 * offsets, `unsatisfiable` (answer 416), or null to answer the whole file — for no header, a
 * unit other than bytes, several ranges (which players do not send; ignoring a Range header
 * is allowed) or a malformed one.
 */
export type ByteRange = { start: number; end: number };

export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    // The last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || (last !== "" && Number(last) < start)) return "unsatisfiable";
  return { start, end };
}

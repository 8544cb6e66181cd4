/**
 * Dot/bracket paths into JSON (`items[0].name`, `data["first name"]`) for the HTTP request
 * node's `save[]`. Browser-safe: the engine and the lint use it; http.ts re-exports it.
 */

export type PathSegment = string | number;

/** Parses a path, or returns null when it is malformed. The empty path is the root. */
export function parsePath(path: string): PathSegment[] | null {
  const segments: PathSegment[] = [];
  const s = path.trim();
  let i = 0;
  let expectSegment = true;
  if (s.startsWith("$")) {
    // Tolerate JSONPath-style roots people paste from docs: `$.items[0]`.
    i = 1;
    expectSegment = false;
  }
  while (i < s.length) {
    const c = s[i];
    if (c === ".") {
      if (expectSegment) return null;
      i++;
      expectSegment = true;
      if (i >= s.length) return null;
      continue;
    }
    if (c === "[") {
      const close = s.indexOf("]", i);
      if (close === -1) return null;
      const inner = s.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^-\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^(["']).*\1$/.test(inner)) segments.push(inner.slice(1, -1));
      else return null;
      i = close + 1;
      expectSegment = false;
      continue;
    }
    if (!expectSegment) return null;
    let j = i;
    while (j < s.length && s[j] !== "." && s[j] !== "[") j++;
    const key = s.slice(i, j);
    if (!key || /[\]\s]/.test(key)) return null;
    segments.push(key);
    i = j;
    expectSegment = false;
  }
  if (expectSegment && segments.length > 0) return null;
  return segments;
}

const pathCache = new Map<string, PathSegment[] | null>();

function cachedPath(path: string): PathSegment[] | null {
  let p = pathCache.get(path);
  if (p === undefined) {
    p = parsePath(path);
    if (pathCache.size > 5000) pathCache.clear();
    pathCache.set(path, p);
  }
  return p;
}

/** The value at `path` inside `data`, or undefined. Negative indexes count from the end. */
export function extractPath(data: unknown, path: string): unknown {
  const segments = cachedPath(path);
  if (!segments) return undefined;
  let cur: unknown = data;
  for (const seg of segments) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof seg === "number") {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg < 0 ? cur.length + seg : seg];
    } else if (typeof cur === "object") {
      if (!Object.hasOwn(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    } else {
      return undefined;
    }
  }
  return cur;
}

/** A saved value as a flow variable: strings as-is, JSON for objects, "" for nothing. */
export function stringifyValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

/** postgres.js answers `execute` with an array, PGlite with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A duration column (seconds, maybe fractional, maybe null) as whole seconds. */
export function seconds(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value));
}

/** "42 s", "3 min 5 s", "2 h 10 min": durations in the units a person reads. */
export function durationParts(seconds: number): { key: "seconds" | "minutes" | "hours"; values: { h: number; m: number; s: number } } {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return { key: "hours", values: { h, m, s } };
  if (m > 0) return { key: "minutes", values: { h, m, s } };
  return { key: "seconds", values: { h, m, s } };
}

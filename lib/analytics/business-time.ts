/**
 * The business-hours clock of the SLA: how much open time lies between two instants. Pure and
 * browser-safe. The open intervals of every local day in a span are laid out once, merged, with
 * a running total, so each conversation's wait is two binary searches (a figure over 100,000
 * conversations must not walk the calendar 100,000 times).
 */
import { type BusinessHours, WEEKDAYS, zonedTimeToInstant } from "@/lib/flow/business-hours";

export type BusinessClock = {
  /** Open milliseconds in [from, to); 0 when `to` is not after `from`. */
  openMillis(from: Date, to: Date): number;
  /** The same with epoch milliseconds (no Date per call in a loop over many rows). */
  openMillisBetween(from: number, to: number): number;
  /**
   * The calendar itself, for SQL (lib/analytics/desk/sla.ts): merged open intervals, sorted,
   * as epoch milliseconds, with the open time before each. Open time up to t is
   * before[i] + min(t, ends[i]) − starts[i] for the last i with starts[i] ≤ t (0 when none).
   */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly before: readonly number[];
};

type Day = { year: number; month: number; day: number; weekday: number };

function localDay(timeZone: string, instant: number): Day {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return civil(get("year"), get("month"), get("day"), 0);
}

function civil(year: number, month: number, day: number, delta: number): Day {
  const d = new Date(Date.UTC(year, month - 1, day + delta));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

const key = (d: Day) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Open intervals as instants for every local day touching [from, to], the same rules as
 * `isOpen`: an interval belongs to the day it starts on (an overnight one runs into the next
 * day, and a holiday closes the intervals that start on it).
 */
export function businessClock(hours: BusinessHours, from: Date, to: Date): BusinessClock {
  const tz = hours.timeZone;
  const first = localDay(tz, from.getTime());
  const last = localDay(tz, to.getTime());
  const spans: [number, number][] = [];
  // One day before `from`: its overnight interval may still be open then.
  for (let d = civil(first.year, first.month, first.day, -1); key(d) <= key(last); d = civil(d.year, d.month, d.day, 1)) {
    if (hours.holidays?.includes(key(d))) continue;
    for (const iv of hours.weekly?.[WEEKDAYS[d.weekday]] ?? []) {
      const s = minutesOf(iv.start);
      const e = minutesOf(iv.end);
      const start = zonedTimeToInstant(tz, d.year, d.month, d.day, s).getTime();
      const end = e > s ? zonedTimeToInstant(tz, d.year, d.month, d.day, e).getTime() : zonedTimeToInstant(tz, d.year, d.month, d.day + 1, e).getTime();
      if (end > start) spans.push([start, end]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [s, e] of spans) {
    const n = ends.length;
    if (n > 0 && s <= ends[n - 1]!) ends[n - 1] = Math.max(ends[n - 1]!, e);
    else {
      starts.push(s);
      ends.push(e);
    }
  }
  // before[i]: open time of the intervals before interval i.
  const before: number[] = [];
  let total = 0;
  for (let i = 0; i < starts.length; i++) {
    before.push(total);
    total += ends[i]! - starts[i]!;
  }
  /** Open time from the calendar's start up to instant t. */
  const upTo = (t: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return 0;
    return before[found]! + Math.min(t, ends[found]!) - starts[found]!;
  };
  return {
    starts,
    ends,
    before,
    openMillis(a, b) {
      return this.openMillisBetween(a.getTime(), b.getTime());
    },
    openMillisBetween(x, y) {
      return y > x ? upTo(y) - upTo(x) : 0;
    },
  };
}

/**
 * Opening hours of a workspace: stored as JSON on the workspace row, read by the engine's
 * `business_hours` condition and by the desk ("we open Monday 09:00"). Pure and
 * browser-safe: time zones come from the runtime's Intl data.
 */
import { z } from "zod";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
// "24:00" lets an interval run to the end of the day.
const HH_MM_END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * An interval whose end is not after its start runs past midnight into the next day
 * ("22:00"–"02:00"); "00:00"–"00:00" is the whole day.
 */
export const timeIntervalSchema = z.object({
  start: z.string().regex(HH_MM, "Use HH:MM (00:00–23:59)"),
  end: z.string().regex(HH_MM_END, "Use HH:MM (00:00–24:00)"),
});
export type TimeInterval = z.infer<typeof timeIntervalSchema>;

const dayField = z.array(timeIntervalSchema).default([]);

export const businessHoursSchema = z.object({
  timeZone: z.string().refine(isValidTimeZone, { message: "Unknown IANA time zone" }),
  weekly: z.object({
    mon: dayField,
    tue: dayField,
    wed: dayField,
    thu: dayField,
    fri: dayField,
    sat: dayField,
    sun: dayField,
  }),
  /** Local dates (in `timeZone`) on which the business is closed all day. */
  holidays: z
    .array(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
        .refine(isRealDate, { message: "Not a calendar date" }),
    )
    .default([]),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export function defaultBusinessHours(): BusinessHours {
  const workday = (): TimeInterval[] => [{ start: "09:00", end: "18:00" }];
  return {
    timeZone: "America/Sao_Paulo",
    weekly: {
      mon: workday(),
      tue: workday(),
      wed: workday(),
      thu: workday(),
      fri: workday(),
      sat: [{ start: "09:00", end: "13:00" }],
      sun: [],
    },
    holidays: [],
  };
}

// ---------------------------------------------------------------------------------------
// Wall-clock arithmetic

type LocalParts = { year: number; month: number; day: number; weekday: number; minutes: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // An invalid zone in unvalidated data must not break the bot: fall back to UTC.
    const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(timeZone: string, instant: number): LocalParts & { second: number; hour: number; minute: number } {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  let year = 0,
    month = 0,
    day = 0,
    hour = 0,
    minute = 0,
    second = 0,
    weekday = 0;
  for (const p of parts) {
    switch (p.type) {
      case "year":
        year = Number(p.value);
        break;
      case "month":
        month = Number(p.value);
        break;
      case "day":
        day = Number(p.value);
        break;
      case "hour":
        hour = Number(p.value) % 24;
        break;
      case "minute":
        minute = Number(p.value);
        break;
      case "second":
        second = Number(p.value);
        break;
      case "weekday":
        weekday = WEEKDAY_INDEX[p.value] ?? 0;
        break;
    }
  }
  return { year, month, day, weekday, hour, minute, second, minutes: hour * 60 + minute };
}

/** UTC offset in ms of `timeZone` at `instant`. */
function offsetAt(timeZone: string, instant: number): number {
  const p = localParts(timeZone, instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
export function zonedTimeToInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  minutesOfDay: number,
): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutesOfDay);
  // Two passes settle the offset across a DST change; a wall time inside a spring-forward
  // gap lands just after the gap, which is when the business really opens.
  let guess = wall - offsetAt(timeZone, wall);
  guess = wall - offsetAt(timeZone, guess);
  return new Date(guess);
}

function dateKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function toMinutes(hhmm: string): number {
  const h = Number(hhmm.slice(0, 2));
  const m = Number(hhmm.slice(3, 5));
  return h * 60 + m;
}

function addDays(year: number, month: number, day: number, delta: number) {
  const d = new Date(Date.UTC(year, month - 1, day + delta));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

function intervalsOf(hours: BusinessHours, weekday: number): readonly TimeInterval[] {
  return hours.weekly?.[WEEKDAYS[weekday]] ?? [];
}

function isHoliday(hours: BusinessHours, key: string): boolean {
  return Array.isArray(hours.holidays) && hours.holidays.includes(key);
}

/** Whether the business is open at `now`. Holidays close the whole local day. */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  const t = now.getTime();
  if (!Number.isFinite(t)) return false;
  const local = localParts(hours.timeZone, t);
  const todayKey = dateKey(local.year, local.month, local.day);
  if (!isHoliday(hours, todayKey)) {
    for (const iv of intervalsOf(hours, local.weekday)) {
      const s = toMinutes(iv.start);
      const e = toMinutes(iv.end);
      if (e > s ? local.minutes >= s && local.minutes < e : local.minutes >= s) return true;
    }
  }
  // Yesterday's overnight intervals spill into today's early hours.
  const prev = addDays(local.year, local.month, local.day, -1);
  if (!isHoliday(hours, dateKey(prev.year, prev.month, prev.day))) {
    for (const iv of intervalsOf(hours, prev.weekday)) {
      const s = toMinutes(iv.start);
      const e = toMinutes(iv.end);
      if (e <= s && local.minutes < e) return true;
    }
  }
  return false;
}

// Long enough to step over a run of holidays around the year's end.
const SEARCH_DAYS = 400;

/**
 * The next instant the business is open: `now` itself when open now, null when it never
 * opens (no intervals at all, or everything within the next 400 days is a holiday).
 */
export function nextOpening(hours: BusinessHours, now: Date): Date | null {
  const t = now.getTime();
  if (!Number.isFinite(t)) return null;
  if (isOpen(hours, now)) return new Date(t);
  const hasAny = WEEKDAYS.some((d) => intervalsOf(hours, WEEKDAYS.indexOf(d)).length > 0);
  if (!hasAny) return null;
  const local = localParts(hours.timeZone, t);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const day = addDays(local.year, local.month, local.day, i);
    if (isHoliday(hours, dateKey(day.year, day.month, day.day))) continue;
    let best: number | null = null;
    for (const iv of intervalsOf(hours, day.weekday)) {
      const start = zonedTimeToInstant(hours.timeZone, day.year, day.month, day.day, toMinutes(iv.start)).getTime();
      if (start > t && (best === null || start < best)) best = start;
    }
    if (best !== null) return new Date(best);
  }
  return null;
}

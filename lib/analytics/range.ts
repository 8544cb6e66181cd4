import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

/** Longest range any analytics figure is asked for (a little over a year, for year-on-year). */
export const MAX_RANGE_DAYS = 400;
/** Without `from`/`to`: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

const day = (field: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date written YYYY-MM-DD`)
    .refine(isCalendarDay, `${field} is not a date of the calendar`)
    .optional();

/** 2026-02-30 matches the pattern but is no day: it must survive the round trip. */
function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The query of every analytics endpoint: whole days, both ends included, in the workspace's time zone. */
export const rangeQuerySchema = z.object({ from: day("from"), to: day("to") });
export type RangeQuery = z.infer<typeof rangeQuerySchema>;

export type DayRange = {
  /** First and last day, as asked (YYYY-MM-DD, both included). */
  fromDay: string;
  toDay: string;
  /** The instants those days span in `timeZone`: [start, end). */
  start: Date;
  end: Date;
  timeZone: string;
  days: number;
};

/**
 * Turns `from`/`to` (whole days in the workspace's time zone, both included) into the instants
 * they span. A day is 23 or 25 hours across a clock change; the bounds are the zone's own
 * midnights. Inverted, over MAX_RANGE_DAYS or malformed → 400 with the reason.
 */
export function dayRange(query: RangeQuery, timeZone: string, now = new Date()): DayRange {
  const toDay = query.to ?? todayIn(timeZone, now);
  const fromDay = query.from ?? shiftDay(toDay, -(DEFAULT_RANGE_DAYS - 1));
  const days = Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000) + 1;
  if (days < 1) throw new AppError("bad_request", `The range is inverted: from ${fromDay} is after to ${toDay}`, { details: { from: fromDay, to: toDay } });
  if (days > MAX_RANGE_DAYS) {
    throw new AppError("bad_request", `The range spans ${days} days; at most ${MAX_RANGE_DAYS} can be asked for at once`, { details: { days, max: MAX_RANGE_DAYS } });
  }
  return { fromDay, toDay, start: midnight(fromDay, timeZone), end: midnight(shiftDay(toDay, 1), timeZone), timeZone, days };
}

/** Today's date (YYYY-MM-DD) in the workspace's time zone: where default ranges and presets end. */
export function todayIn(timeZone: string, now = new Date()): string {
  return format(new TZDate(now, timeZone), "yyyy-MM-dd");
}

/** A calendar day `by` days later (earlier when negative): arithmetic on dates, no zone involved. */
export function shiftDay(value: string, by: number): string {
  // In UTC milliseconds: date-fns' addDays works in the process's zone, whose clock changes would shift the day.
  return new Date(Date.parse(`${value}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}

/** The instant a calendar day starts in a time zone. */
export function midnight(value: string, timeZone: string): Date {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

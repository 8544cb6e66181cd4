import { describe, expect, test } from "vitest";
import { businessClock } from "@/lib/analytics/business-time";
import type { BusinessHours } from "@/lib/flow/business-hours";

const day = [{ start: "09:00", end: "18:00" }];
const SAO_PAULO: BusinessHours = {
  timeZone: "America/Sao_Paulo",
  weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [{ start: "09:00", end: "13:00" }], sun: [] },
  holidays: ["2026-11-20"],
};
const minutes = (hours: BusinessHours, from: string, to: string) => {
  const a = new Date(from);
  const b = new Date(to);
  return businessClock(hours, a, b).openMillis(a, b) / 60_000;
};

describe("the business-hours clock", () => {
  test("across a closed night in São Paulo: only the open minutes count", () => {
    // Tuesday 17:50 → Wednesday 09:15 (UTC−3): 10 minutes before closing, 15 after opening.
    expect(minutes(SAO_PAULO, "2026-11-03T20:50:00Z", "2026-11-04T12:15:00Z")).toBe(25);
    // Wholly inside the night: nothing.
    expect(minutes(SAO_PAULO, "2026-11-03T22:00:00Z", "2026-11-04T11:59:00Z")).toBe(0);
    // Inside one open stretch: the wall clock.
    expect(minutes(SAO_PAULO, "2026-11-04T12:00:00Z", "2026-11-04T12:45:30Z")).toBe(45.5);
  });

  test("weekends, half days and holidays", () => {
    // Friday 17:00 → Monday 10:00: 1 h Friday + 4 h Saturday + 1 h Monday.
    expect(minutes(SAO_PAULO, "2026-11-06T20:00:00Z", "2026-11-09T13:00:00Z")).toBe(360);
    // Thursday 2026-11-19 17:00 → Saturday 21st 10:00: Friday the 20th is a holiday.
    expect(minutes(SAO_PAULO, "2026-11-19T20:00:00Z", "2026-11-21T13:00:00Z")).toBe(120);
  });

  test("overnight intervals and the whole day", () => {
    const night: BusinessHours = { timeZone: "America/Sao_Paulo", weekly: { mon: [{ start: "22:00", end: "02:00" }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] };
    // Monday 21:00 → Tuesday 03:00: open 22:00–02:00.
    expect(minutes(night, "2026-11-03T00:00:00Z", "2026-11-03T06:00:00Z")).toBe(240);
    const always: BusinessHours = {
      timeZone: "UTC",
      weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ start: "00:00", end: "00:00" }]])) as BusinessHours["weekly"],
      holidays: [],
    };
    expect(minutes(always, "2026-11-01T10:00:00Z", "2026-11-03T10:00:00Z")).toBe(2 * 24 * 60);
  });

  test("a clock change: the day is 23 hours in New York, and the clock keeps real time", () => {
    const allDay: BusinessHours = {
      timeZone: "America/New_York",
      weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ start: "00:00", end: "24:00" }]])) as BusinessHours["weekly"],
      holidays: [],
    };
    // 2026-03-08: clocks jump from 02:00 to 03:00. Midnight EST (05:00Z) → midnight EDT (04:00Z next day) is 23 h.
    expect(minutes(allDay, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")).toBe(23 * 60);
  });

  test("an end before the start is no time", () => {
    expect(minutes(SAO_PAULO, "2026-11-04T13:00:00Z", "2026-11-04T12:00:00Z")).toBe(0);
  });
});

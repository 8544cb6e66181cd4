import { describe, expect, test } from "vitest";
import {
  type BusinessHours,
  businessHoursSchema,
  defaultBusinessHours,
  isOpen,
  nextOpening,
  zonedTimeToInstant,
} from "@/lib/flow/business-hours";

const at = (iso: string) => new Date(iso);

function hours(timeZone: string, patch: Partial<BusinessHours> = {}): BusinessHours {
  return { ...defaultBusinessHours(), timeZone, ...patch };
}

describe("defaultBusinessHours", () => {
  test("São Paulo, weekdays 09–18, Saturday 09–13", () => {
    const h = defaultBusinessHours();
    expect(h.timeZone).toBe("America/Sao_Paulo");
    expect(h.weekly.mon).toEqual([{ start: "09:00", end: "18:00" }]);
    expect(h.weekly.fri).toEqual([{ start: "09:00", end: "18:00" }]);
    expect(h.weekly.sat).toEqual([{ start: "09:00", end: "13:00" }]);
    expect(h.weekly.sun).toEqual([]);
    expect(h.holidays).toEqual([]);
    expect(businessHoursSchema.parse(h)).toEqual(h);
  });
});

describe("businessHoursSchema", () => {
  test("rejects unknown time zones, bad times and impossible holidays", () => {
    const h = defaultBusinessHours();
    expect(businessHoursSchema.safeParse({ ...h, timeZone: "Mars/Olympus" }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ ...h, weekly: { ...h.weekly, mon: [{ start: "9:00", end: "18:00" }] } }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ ...h, weekly: { ...h.weekly, mon: [{ start: "09:00", end: "24:00" }] } }).success).toBe(true);
    expect(businessHoursSchema.safeParse({ ...h, holidays: ["2025-02-30"] }).success).toBe(false);
    expect(businessHoursSchema.safeParse({ ...h, holidays: ["2025-12-25"] }).success).toBe(true);
  });
});

describe("isOpen", () => {
  const sp = defaultBusinessHours();

  test("within and outside the São Paulo day (UTC−3)", () => {
    expect(isOpen(sp, at("2025-03-05T12:00:00Z"))).toBe(true); // Wed 09:00 local, opening minute
    expect(isOpen(sp, at("2025-03-05T11:59:00Z"))).toBe(false); // 08:59
    expect(isOpen(sp, at("2025-03-05T20:59:00Z"))).toBe(true); // 17:59
    expect(isOpen(sp, at("2025-03-05T21:00:00Z"))).toBe(false); // 18:00, end is exclusive
    expect(isOpen(sp, at("2025-03-08T15:00:00Z"))).toBe(true); // Sat 12:00
    expect(isOpen(sp, at("2025-03-08T17:00:00Z"))).toBe(false); // Sat 14:00
    expect(isOpen(sp, at("2025-03-09T15:00:00Z"))).toBe(false); // Sunday
  });

  test("the same instant around midnight is a different weekday in São Paulo and UTC", () => {
    const late = { ...sp.weekly, fri: [{ start: "09:00", end: "23:00" }] };
    const saoPaulo = hours("America/Sao_Paulo", { weekly: late });
    const utc = hours("UTC", { weekly: late });
    const instant = at("2025-03-08T01:00:00Z"); // Fri 22:00 in São Paulo, Sat 01:00 UTC
    expect(isOpen(saoPaulo, instant)).toBe(true);
    expect(isOpen(utc, instant)).toBe(false);
  });

  test("overnight intervals spill into the next day", () => {
    const weekly = { mon: [], tue: [], wed: [], thu: [{ start: "22:00", end: "02:00" }], fri: [], sat: [], sun: [] };
    const saoPaulo = hours("America/Sao_Paulo", { weekly });
    const utc = hours("UTC", { weekly });
    const instant = at("2025-03-07T02:30:00Z"); // Thu 23:30 in São Paulo, Fri 02:30 UTC
    expect(isOpen(saoPaulo, instant)).toBe(true);
    expect(isOpen(utc, instant)).toBe(false);
    expect(isOpen(utc, at("2025-03-07T01:59:00Z"))).toBe(true); // Fri 01:59 UTC, Thursday's spill
    expect(isOpen(saoPaulo, at("2025-03-07T04:59:00Z"))).toBe(true); // Fri 01:59 local
    expect(isOpen(saoPaulo, at("2025-03-07T05:00:00Z"))).toBe(false);
  });

  test("holidays close the whole local day", () => {
    const h = hours("America/Sao_Paulo", { holidays: ["2025-03-05"] });
    expect(isOpen(h, at("2025-03-05T15:00:00Z"))).toBe(false);
    expect(isOpen(h, at("2025-03-06T15:00:00Z"))).toBe(true);
  });

  test("a holiday is a local date: 02:00 UTC on the 25th is still the 24th in São Paulo", () => {
    const weekly = { mon: [], tue: [], wed: [{ start: "00:00", end: "24:00" }], thu: [{ start: "00:00", end: "24:00" }], fri: [], sat: [], sun: [] };
    const instant = at("2025-12-25T02:00:00Z"); // Wed 24 Dec 23:00 in São Paulo, Thu 25 Dec in UTC
    expect(isOpen(hours("America/Sao_Paulo", { weekly, holidays: ["2025-12-25"] }), instant)).toBe(true);
    expect(isOpen(hours("UTC", { weekly, holidays: ["2025-12-25"] }), instant)).toBe(false);
  });

  test("an invalid stored time zone falls back to UTC instead of throwing", () => {
    const h = { ...defaultBusinessHours(), timeZone: "Not/AZone" };
    expect(() => isOpen(h, at("2025-03-05T12:00:00Z"))).not.toThrow();
    expect(isOpen(h, at("2025-03-05T12:00:00Z"))).toBe(true); // Wed 12:00 UTC
  });
});

describe("nextOpening", () => {
  const sp = defaultBusinessHours();

  test("is now when open", () => {
    const now = at("2025-03-05T15:00:00Z");
    expect(nextOpening(sp, now)?.toISOString()).toBe(now.toISOString());
  });

  test("Friday evening -> Saturday 09:00 São Paulo", () => {
    expect(nextOpening(sp, at("2025-03-07T21:00:00Z"))?.toISOString()).toBe("2025-03-08T12:00:00.000Z");
  });

  test("Saturday afternoon -> Monday 09:00, skipping a Monday holiday", () => {
    expect(nextOpening(sp, at("2025-03-08T17:00:00Z"))?.toISOString()).toBe("2025-03-10T12:00:00.000Z");
    const withHoliday = hours("America/Sao_Paulo", { holidays: ["2025-03-10"] });
    expect(nextOpening(withHoliday, at("2025-03-08T17:00:00Z"))?.toISOString()).toBe("2025-03-11T12:00:00.000Z");
  });

  test("early morning opens the same day", () => {
    expect(nextOpening(sp, at("2025-03-05T09:00:00Z"))?.toISOString()).toBe("2025-03-05T12:00:00.000Z");
  });

  test("follows daylight saving time (New York springs forward on 2025-03-09)", () => {
    const weekdays = { ...defaultBusinessHours().weekly, sat: [] };
    const ny = hours("America/New_York", { weekly: weekdays });
    // Friday 18:30 EST -> Monday 09:00 EDT (UTC−4).
    expect(nextOpening(ny, at("2025-03-07T23:30:00Z"))?.toISOString()).toBe("2025-03-10T13:00:00.000Z");
    // The week before, Monday 09:00 EST (UTC−5).
    expect(nextOpening(ny, at("2025-02-28T23:30:00Z"))?.toISOString()).toBe("2025-03-03T14:00:00.000Z");
  });

  test("null when the business never opens", () => {
    const closed = hours("UTC", { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(nextOpening(closed, at("2025-03-05T12:00:00Z"))).toBeNull();
  });
});

test("zonedTimeToInstant converts a wall-clock time to UTC", () => {
  expect(zonedTimeToInstant("America/Sao_Paulo", 2025, 3, 5, 9 * 60).toISOString()).toBe("2025-03-05T12:00:00.000Z");
  expect(zonedTimeToInstant("Asia/Kolkata", 2025, 3, 5, 9 * 60).toISOString()).toBe("2025-03-05T03:30:00.000Z");
  expect(zonedTimeToInstant("UTC", 2025, 3, 5, 0).toISOString()).toBe("2025-03-05T00:00:00.000Z");
});

import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { dayRange, MAX_RANGE_DAYS, rangeQuerySchema } from "@/lib/analytics/range";

const SP = "America/Sao_Paulo";

describe("analytics day ranges", () => {
  test("whole days in the workspace's zone, both ends included", () => {
    const r = dayRange({ from: "2026-03-01", to: "2026-03-31" }, SP);
    expect(r).toMatchObject({ fromDay: "2026-03-01", toDay: "2026-03-31", days: 31, timeZone: SP });
    expect(r.start.toISOString()).toBe("2026-03-01T03:00:00.000Z");
    expect(r.end.toISOString()).toBe("2026-04-01T03:00:00.000Z");
  });

  test("a day across a clock change is the zone's own midnight to midnight", () => {
    // New York springs forward on 2026-03-08: that day has 23 hours.
    const r = dayRange({ from: "2026-03-08", to: "2026-03-08" }, "America/New_York");
    expect(r.start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(r.end.toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  test("without from/to: the last 30 days up to today in the zone", () => {
    // 02:00 UTC on 1 April is still 31 March in São Paulo.
    const r = dayRange({}, SP, new Date("2026-04-01T02:00:00Z"));
    expect(r).toMatchObject({ fromDay: "2026-03-02", toDay: "2026-03-31", days: 30 });
  });

  test("inverted, too long or malformed ranges are refused with the reason", () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return { status: (error as AppError).status, message: (error as AppError).message };
      }
      throw new Error("not refused");
    };
    expect(refusal(() => dayRange({ from: "2026-03-10", to: "2026-03-01" }, SP))).toEqual({
      status: 400,
      message: "The range is inverted: from 2026-03-10 is after to 2026-03-01",
    });
    expect(refusal(() => dayRange({ from: "2025-01-01", to: "2026-03-01" }, SP)).message).toBe(
      `The range spans 425 days; at most ${MAX_RANGE_DAYS} can be asked for at once`,
    );
    expect(dayRange({ from: "2025-01-26", to: "2026-03-01" }, SP).days).toBe(MAX_RANGE_DAYS);
    expect(rangeQuerySchema.safeParse({ from: "2026-3-1" }).error?.issues[0]?.message).toBe("from must be a date written YYYY-MM-DD");
    expect(rangeQuerySchema.safeParse({ to: "2026-02-30" }).error?.issues[0]?.message).toBe("to is not a date of the calendar");
  });
});

import { describe, expect, test } from "vitest";
import { botQuerySchema, overlayQuerySchema, parseAnalyticsQuery } from "@/lib/analytics/bot/params";
import { toCsv } from "@/lib/analytics/csv-table";
import { AppError } from "@/lib/errors/app-error";

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("analytics query parameters", () => {
  test("a malformed day is a 400 naming the field", () => {
    const e = failure(() => parseAnalyticsQuery(botQuerySchema, { from: "2026-02-30" }));
    expect(e.status).toBe(400);
    expect(e.message).toBe("from: from is not a date of the calendar");
  });
  test("an id that cannot be a flow or channel is a 404, not a 400", () => {
    expect(failure(() => parseAnalyticsQuery(botQuerySchema, { flowId: "abc" })).status).toBe(404);
    expect(failure(() => parseAnalyticsQuery(botQuerySchema, { channelId: "1; drop table" })).status).toBe(404);
  });
  test("a version must be a positive whole number", () => {
    expect(failure(() => parseAnalyticsQuery(overlayQuerySchema, { version: "0" })).status).toBe(400);
    expect(parseAnalyticsQuery(overlayQuerySchema, { version: "7", from: "2026-03-01" })).toEqual({ version: 7, from: "2026-03-01" });
  });
  test("ids are accepted in any case and compared lower-case", () => {
    expect(parseAnalyticsQuery(botQuerySchema, { flowId: "0198A2B4-0000-4000-8000-00000000000A" }).flowId).toBe("0198a2b4-0000-4000-8000-00000000000a");
  });
});

describe("CSV", () => {
  test("quotes, CRLF, BOM, and no formulas from typed text", () => {
    const csv = toCsv([{ a: 'Hola, "amigo"', b: 3 }, { a: "=HYPERLINK(1)", b: null }], [
      { header: "a", value: (r) => r.a },
      { header: "b", value: (r) => r.b },
    ]);
    expect(csv).toBe('\uFEFFa,b\r\n"Hola, ""amigo""",3\r\n\'=HYPERLINK(1),\r\n');
  });
});

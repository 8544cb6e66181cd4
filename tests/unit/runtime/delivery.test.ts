import { describe, expect, test } from "vitest";
import { deliveryRank, furthestStatuses } from "@/lib/runtime/delivery";
import { TokenBucket } from "@/lib/runtime/rate-limit";
import { sendBackoffMs } from "@/lib/runtime/sender";
import { inboxBackoffMs } from "@/lib/runtime/claim";

describe("delivery states", () => {
  test("only move forward; failed replaces pending/sent only", () => {
    expect(deliveryRank("read")).toBeGreaterThan(deliveryRank("delivered"));
    expect(deliveryRank("delivered")).toBeGreaterThan(deliveryRank("failed"));
    expect(deliveryRank("failed")).toBeGreaterThan(deliveryRank("sent"));
    expect(deliveryRank("deleted")).toBe(-1);
  });

  test("a batch keeps the furthest state per message, with a failure's error", () => {
    const result = furthestStatuses([
      { waMessageId: "a", status: "delivered", errors: null },
      { waMessageId: "a", status: "read", errors: null },
      { waMessageId: "a", status: "sent", errors: null },
      { waMessageId: "b", status: "sent", errors: null },
      { waMessageId: "b", status: "failed", errors: [{ code: 131026, title: "Message undeliverable", error_data: { details: "x" } }] },
      { waMessageId: "c", status: "warning", errors: null },
    ]);
    expect(result).toEqual([
      { wa_message_id: "a", status: "read", rank: 6, error: null },
      {
        wa_message_id: "b",
        status: "failed",
        rank: 3,
        error: { source: "status", code: 131026, title: "Message undeliverable", details: "x", raw: [{ code: 131026, title: "Message undeliverable", error_data: { details: "x" } }] },
      },
    ]);
  });
});

describe("backoff and pacing", () => {
  test("exponential with jitter, throttling backs off harder, capped", () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const normal = sendBackoffMs(attempt, false);
      const step = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      expect(normal).toBeGreaterThanOrEqual(step / 2);
      expect(normal).toBeLessThanOrEqual(step);
      expect(sendBackoffMs(attempt, true)).toBeGreaterThanOrEqual(Math.min(60_000, 4000 * 2 ** (attempt - 1)) / 2);
    }
    expect(inboxBackoffMs(1)).toBe(1000);
    expect(inboxBackoffMs(4)).toBe(8000);
  });

  test("the token bucket lets a burst through, then paces to the rate", async () => {
    const bucket = new TokenBucket(50);
    const start = Date.now();
    for (let i = 0; i < 50; i++) await bucket.take();
    expect(Date.now() - start).toBeLessThan(100);
    for (let i = 0; i < 10; i++) await bucket.take();
    // 10 more at 50/s take about 200 ms.
    expect(Date.now() - start).toBeGreaterThanOrEqual(150);
  });
});

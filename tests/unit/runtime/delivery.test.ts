import { describe, expect, test, vi } from "vitest";
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

  test("the token bucket starts without a burst, fills while idle, lets that burst through, then paces to the rate", async () => {
    // Fake clock and timers: the pacing is asserted exactly, whatever the machine's load.
    vi.useFakeTimers();
    try {
      const bucket = new TokenBucket(50);
      // A new bucket holds one send: the number may have been at its full rate from another
      // instance a moment ago. The second waits its 20 ms.
      await bucket.take();
      let first = 0;
      const second = bucket.take().then(() => first++);
      await vi.advanceTimersByTimeAsync(0);
      expect(first).toBe(0);
      await vi.advanceTimersByTimeAsync(20);
      await second;
      // Idle for a second, it holds a second's worth: a burst of 50 goes through without the clock moving.
      await vi.advanceTimersByTimeAsync(1_000);
      for (let i = 0; i < 50; i++) await bucket.take();
      let sent = 0;
      const more = Array.from({ length: 10 }, () => bucket.take().then(() => sent++));
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toBe(0);
      // 10 more at 50/s: one every 20 ms, the last at about 200 ms.
      await vi.advanceTimersByTimeAsync(100);
      expect(sent).toBeGreaterThanOrEqual(4);
      expect(sent).toBeLessThanOrEqual(5);
      await vi.advanceTimersByTimeAsync(49);
      expect(sent).toBeLessThan(10);
      await vi.advanceTimersByTimeAsync(60);
      expect(sent).toBe(10);
      await Promise.all(more);
    } finally {
      vi.useRealTimers();
    }
  });
});

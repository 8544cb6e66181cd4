import { describe, expect, test, vi } from "vitest";
import { reserveConnection } from "@/lib/runtime/batch-transaction";

const connection = () => {
  const c = { released: false, release: () => void (c.released = true) };
  return c;
};

describe("a batch's connection reservation", () => {
  test("a reservation that never settles (postgres.js after a lost connection) fails after the deadline", async () => {
    await expect(reserveConnection(() => new Promise<never>(() => {}), 30)).rejects.toThrow("no database connection within 30 ms");
  });

  test("a connection that arrives after the deadline is handed back to the pool", async () => {
    const late = connection();
    let arrive!: (c: typeof late) => void;
    // The deadline passes first; only then does the connection arrive (no race between two timers).
    await expect(reserveConnection(() => new Promise<typeof late>((resolve) => (arrive = resolve)), 20)).rejects.toThrow();
    expect(late.released).toBe(false);
    arrive(late);
    await vi.waitFor(() => expect(late.released).toBe(true));
  });

  test("one in time is the caller's", async () => {
    const ready = connection();
    await expect(reserveConnection(async () => ready, 1_000)).resolves.toBe(ready);
    expect(ready.released).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { listenOn, parseEvents } from "@/lib/realtime/listener";
import { flushEvents, pack, publishCommitted } from "@/lib/realtime/publisher";
import { createTestDatabase, type TestDatabase } from "../../support/db";

/*
 * The runtime's live events leave after their data committed, many to a NOTIFY: a listener
 * (the desk, the simulator, another instance) still gets every event, in order.
 */

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ max: 4 });
});

afterAll(async () => {
  await database?.drop();
});

function statusEvent(i: number): RealtimeEvent {
  return { type: "message.status", conversationId: `c-${i}`, messageId: `m-${i}`.padEnd(120, "x"), status: "delivered" };
}

describe("live events published after commit", () => {
  test("a burst of 300 events reaches a listener whole and in order, in a handful of NOTIFYs", async () => {
    const received: RealtimeEvent[] = [];
    let notifications = 0;
    const unlisten = await listenOn(database, (event) => received.push(event));
    // Counts the raw payloads next to the events (same channel, same connection kind).
    const unlistenRaw =
      database.driver === "postgres"
        ? (await database.sql.listen("atendo_events", () => void notifications++)).unlisten
        : await database.pglite.listen("atendo_events", () => void notifications++);
    try {
      const events = Array.from({ length: 300 }, (_, i) => statusEvent(i));
      // As the runtime does: one commit's events, then the next commit's, back to back.
      for (let i = 0; i < events.length; i += 10) publishCommitted(database.db, events.slice(i, i + 10));
      await flushEvents(database.db);
      // The last NOTIFY has been executed; its delivery to the listening connection is awaited.
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(300);
      expect(received).toEqual(events);
      // The first commit's ten go at once; the other 290 wait for it and travel together,
      // cut at PostgreSQL's 8000-byte payload limit.
      expect(notifications).toBe(1 + pack(events.slice(10).map((e) => JSON.stringify(e))).length);
      expect(notifications).toBeLessThan(10);
    } finally {
      await unlistenRaw();
      await unlisten();
    }
  });

  test("nothing published when there is nothing to say, and a single event still reaches listeners", async () => {
    const received: RealtimeEvent[] = [];
    const unlisten = await listenOn(database, (event) => received.push(event));
    try {
      publishCommitted(database.db, []);
      await flushEvents(database.db);
      publishCommitted(database.db, [{ type: "conversation.closed", conversationId: "one", queueId: null }]);
      await flushEvents(database.db);
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
      expect(received[0]).toEqual({ type: "conversation.closed", conversationId: "one", queueId: null });
    } finally {
      await unlisten();
    }
  });
});

describe("payloads", () => {
  test("packed payloads stay under PostgreSQL's 8000 bytes and read back as the same events", () => {
    const events = Array.from({ length: 500 }, (_, i) => JSON.stringify(statusEvent(i)));
    const payloads = pack(events);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(payloads.flatMap(parseEvents)).toEqual(events.map((e) => JSON.parse(e)));
  });

  test("a single event (publishEvent's form) and foreign payloads", () => {
    expect(parseEvents(JSON.stringify({ type: "channels.changed" }))).toEqual([{ type: "channels.changed" }]);
    expect(parseEvents("not json")).toEqual([]);
    expect(parseEvents(JSON.stringify([{ type: "channels.changed" }, { nope: 1 }, 3]))).toEqual([{ type: "channels.changed" }]);
  });
});

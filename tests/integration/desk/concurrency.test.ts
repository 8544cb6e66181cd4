import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectDatabase } from "@/lib/db/connect";
import { conversations, protocolCounters, users } from "@/lib/db/schema";
import { deskScope } from "@/lib/desk/access";
import { assignWaiting } from "@/lib/desk/assign";
import { claimConversation } from "@/lib/desk/claim";
import { allocateProtocol, protocolDay } from "@/lib/desk/protocol";
import { publishEvent, type RealtimeEvent } from "@/lib/realtime/events";
import { listenOn } from "@/lib/realtime/listener";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { createAgent, createConversation, createQueue, demoIds, seedDemo } from "./fixtures";

let database: TestDatabase;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  database = await createTestDatabase({ max: 30 });
  await seedDemo(database.db);
  ids = await demoIds(database.db);
});

afterAll(async () => {
  await database?.drop();
});

describe("claims", () => {
  test("20 agents claiming 10 conversations at once: each conversation is held by exactly one agent", async () => {
    const db = database.db;
    const queue = await createQueue(db, "race");
    const agents = await Promise.all(Array.from({ length: 20 }, () => createAgent(db, { queueIds: [queue.id] })));
    const convs: { id: string }[] = [];
    for (let i = 0; i < 10; i++) convs.push(await createConversation(db, { channelId: ids.channelId, queueId: queue.id }));

    // Every agent tries every conversation, in its own shuffled order, all at the same time.
    const attempts = agents.flatMap((agent) => {
      const order = [...convs].sort(() => Math.random() - 0.5);
      return order.map(async (c) => {
        const scope = await deskScope(db, { userId: agent.id, role: "agent", name: agent.name });
        try {
          const row = await claimConversation(db, scope, c.id);
          return { conversationId: c.id, agentId: agent.id, ok: row.assigneeId === agent.id };
        } catch (error) {
          expect((error as { code?: string }).code).toBe("conflict");
          return { conversationId: c.id, agentId: agent.id, ok: false };
        }
      });
    });
    const results = await Promise.all(attempts);
    const wins = results.filter((r) => r.ok);
    expect(wins).toHaveLength(10);
    expect(new Set(wins.map((w) => w.conversationId)).size).toBe(10);

    const rows = await db.select().from(conversations).where(inArray(conversations.id, convs.map((c) => c.id)));
    for (const row of rows) {
      expect(row.status).toBe("assigned");
      expect(wins.find((w) => w.conversationId === row.id)?.agentId).toBe(row.assigneeId);
    }
  });
});

describe("protocol numbers", () => {
  test("unique and gapless under 200 concurrent openings", async () => {
    const db = database.db;
    const now = new Date("2031-05-20T15:00:00Z");
    const numbers = await Promise.all(Array.from({ length: 200 }, () => db.transaction((tx) => allocateProtocol(tx, "America/Sao_Paulo", now))));
    expect(new Set(numbers).size).toBe(200);
    const counters = numbers.map((n) => Number(n.split("-")[1])).sort((a, b) => a - b);
    expect(counters[0]).toBe(1);
    expect(counters[199]).toBe(200);
    for (const n of numbers) expect(n).toMatch(/^20310520-\d{6}$/);
  });

  test("a rolled-back opening gives its number back", async () => {
    const db = database.db;
    const now = new Date("2031-06-01T15:00:00Z");
    await db.transaction((tx) => allocateProtocol(tx, "UTC", now));
    await db
      .transaction(async (tx) => {
        await allocateProtocol(tx, "UTC", now);
        throw new Error("rollback");
      })
      .catch(() => {});
    expect(await db.transaction((tx) => allocateProtocol(tx, "UTC", now))).toBe("20310601-000002");
  });

  test("the day follows the workspace time zone: 02:30 UTC is still the previous day in São Paulo", async () => {
    const db = database.db;
    const beforeMidnight = new Date("2031-03-11T02:30:00Z"); // 23:30 on the 10th in São Paulo (UTC−3)
    const afterMidnight = new Date("2031-03-11T03:00:00Z"); // 00:00 on the 11th
    expect(protocolDay(beforeMidnight, "America/Sao_Paulo")).toBe("20310310");
    expect(protocolDay(beforeMidnight, "UTC")).toBe("20310311");
    const late = await db.transaction((tx) => allocateProtocol(tx, "America/Sao_Paulo", beforeMidnight));
    const early = await db.transaction((tx) => allocateProtocol(tx, "America/Sao_Paulo", afterMidnight));
    expect(late).toBe("20310310-000001");
    // A new day restarts the counter.
    expect(early).toBe("20310311-000001");
    const [nextDay] = await db.select().from(protocolCounters).where(eq(protocolCounters.day, "20310311"));
    expect(nextDay?.last).toBe(1);
  });
});

describe("automatic assignment", () => {
  test("round-robin among online agents, respecting capacity and presence; the backlog goes out as agents come online", async () => {
    const db = database.db;
    const queue = await createQueue(db, "auto-rr", "auto");
    const ana = await createAgent(db, { queueIds: [queue.id], capacity: 2, name: "Ana" });
    const beto = await createAgent(db, { queueIds: [queue.id], capacity: 1, name: "Beto" });
    const caro = await createAgent(db, { queueIds: [queue.id], capacity: 5, presence: "offline", name: "Caro" });
    const dani = await createAgent(db, { queueIds: [queue.id], capacity: 5, presence: "away", name: "Dani" });
    const waiting = [];
    for (let i = 0; i < 5; i++) {
      waiting.push(await createConversation(db, { channelId: ids.channelId, queueId: queue.id, queuedAt: new Date(Date.now() - (10 - i) * 60_000) }));
    }

    const first = await assignWaiting(db);
    const load = (id: string) => first.filter((a) => a.assigneeId === id).length;
    expect(first).toHaveLength(3);
    expect(load(ana.id)).toBe(2);
    expect(load(beto.id)).toBe(1);
    expect(load(caro.id)).toBe(0);
    expect(load(dani.id)).toBe(0);
    // Oldest waiting first, and turns alternate while both have room.
    expect(first.map((a) => a.conversationId)).toEqual(waiting.slice(0, 3).map((c) => c.id));
    expect(first[0]!.assigneeId).not.toBe(first[1]!.assigneeId);

    // Nobody with room: nothing changes.
    expect(await assignWaiting(db)).toHaveLength(0);

    // Caro comes online: the backlog is hers.
    await db.update(users).set({ presence: "online" }).where(eq(users.id, caro.id));
    const second = await assignWaiting(db);
    expect(second.map((a) => a.assigneeId)).toEqual([caro.id, caro.id]);
    const still = await db.select().from(conversations).where(and(eq(conversations.queueId, queue.id), eq(conversations.status, "queued")));
    expect(still).toHaveLength(0);
  });

  test("manual queues are left for agents to claim", async () => {
    const db = database.db;
    const queue = await createQueue(db, "manual-q", "manual");
    await createAgent(db, { queueIds: [queue.id] });
    const c = await createConversation(db, { channelId: ids.channelId, queueId: queue.id });
    expect((await assignWaiting(db)).some((a) => a.conversationId === c.id)).toBe(false);
  });

  test("two assigners at once never double-assign or exceed capacity", async () => {
    const db = database.db;
    const queue = await createQueue(db, "auto-race", "auto");
    const agents = await Promise.all([0, 1, 2].map(() => createAgent(db, { queueIds: [queue.id], capacity: 2 })));
    for (let i = 0; i < 10; i++) await createConversation(db, { channelId: ids.channelId, queueId: queue.id });
    const runs = await Promise.all([assignWaiting(db), assignWaiting(db), assignWaiting(db)]);
    const all = runs.flat();
    expect(all).toHaveLength(6);
    expect(new Set(all.map((a) => a.conversationId)).size).toBe(6);
    for (const agent of agents) expect(all.filter((a) => a.assigneeId === agent.id)).toHaveLength(2);
  });
});

describe("LISTEN/NOTIFY", () => {
  test("an event published on one connection reaches a listener on a second connection, only on commit", async () => {
    if (database.driver !== "postgres") return; // a second process-level connection needs a server
    const second = await connectDatabase({ url: database.url, max: 2 });
    const received: RealtimeEvent[] = [];
    const unlisten = await listenOn(second, (event) => received.push(event));
    try {
      await database.db
        .transaction(async (tx) => {
          await publishEvent(tx, { type: "conversation.queued", conversationId: "rolled-back", queueId: null });
          throw new Error("rollback");
        })
        .catch(() => {});
      await database.db.transaction(async (tx) => {
        await publishEvent(tx, { type: "conversation.queued", conversationId: "committed", queueId: ids.soporte });
      });
      const deadline = Date.now() + 5_000;
      while (!received.some((e) => "conversationId" in e && e.conversationId === "committed") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(received).toContainEqual({ type: "conversation.queued", conversationId: "committed", queueId: ids.soporte });
      expect(received.some((e) => "conversationId" in e && e.conversationId === "rolled-back")).toBe(false);
    } finally {
      await unlisten();
      await second.close();
    }
  });
});

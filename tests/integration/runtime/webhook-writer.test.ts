import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rowsOf } from "@/lib/runtime/db";
import type { InboxInsert, StatusInsert } from "@/lib/runtime/webhook-statements";
import { writeWebhook } from "@/lib/runtime/webhook-writer";
import { createTestDatabase, type TestDatabase } from "../../support/db";

/*
 * Concurrent webhook deliveries — customer messages and Meta's status webhooks — share
 * statements under load. Whatever went together, every item is stored once, and each
 * delivery is told how many of its own items were new.
 */

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const channel = randomUUID();

function message(wamid: string, from = "5511999990000"): InboxInsert {
  return { channel_id: channel, wa_message_id: wamid, contact_wa_id: from, contact_name: null, wa_timestamp: 1_700_000_000, type: "text", payload: { text: { body: wamid } } };
}

function status(wamid: string, value: string): StatusInsert {
  return { channel_id: channel, wa_message_id: wamid, status: value, wa_timestamp: 1_700_000_001, errors: null, confirms: null };
}

describe("webhook deliveries written together", () => {
  test("50 deliveries at once, with duplicates among them: each item stored once, each delivery counts its own", async () => {
    const db = database.db;
    const deliveries = Array.from({ length: 50 }, (_, i) => ({
      // Every fifth delivery repeats the previous one's message (a Meta retry racing the original).
      messages: [message(`wamid.in.${i % 5 === 4 ? i - 1 : i}`)],
      // Statuses for our outbound messages: 'sent' twice over (a retry), 'delivered' once.
      statuses: [status(`wamid.out.${Math.floor(i / 2)}`, "sent"), ...(i % 2 === 1 ? [status(`wamid.out.${Math.floor(i / 2)}`, "delivered")] : [])],
    }));
    const results = await Promise.all(deliveries.map((d) => writeWebhook(db, d)));

    const inbox = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from inbox where channel_id = ${channel}`))[0]!.n;
    const statuses = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from status_events where channel_id = ${channel}`))[0]!.n;
    expect(inbox).toBe(40); // 50 deliveries, 10 of them repeats
    expect(statuses).toBe(50); // 25 messages × (sent, delivered)
    expect(results.reduce((n, r) => n + r.messages, 0)).toBe(40);
    expect(results.reduce((n, r) => n + r.statuses, 0)).toBe(50);
    for (const r of results) {
      expect(r.messages).toBeLessThanOrEqual(1);
      expect(r.statuses).toBeLessThanOrEqual(2);
    }

    // Meta redelivers all of it: nothing new.
    const again = await Promise.all(deliveries.map((d) => writeWebhook(db, d)));
    expect(again.every((r) => r.messages === 0 && r.statuses === 0)).toBe(true);
  });
});

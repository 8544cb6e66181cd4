/**
 * The runtime's prepared statements keep the plan PostgreSQL made on their first executions —
 * on a fresh install, while the queue tables were nearly empty. These tests prepare them on
 * empty tables, grow the tables the way a busy day does (finished rows leave dead entries in
 * the partial "pending" indexes until a vacuum), and read the plan actually executed
 * (auto_explain, sent back to the session) to check it still finds rows by primary key.
 */
import { randomUUID } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { runtimeConnectionSettings } from "@/lib/runtime/db";
import { recordOutcomes, type OutboxRow } from "@/lib/runtime/sender";
import { createTestDatabase, type TestDatabase } from "../../support/db";

let database: TestDatabase;
let client: postgres.Sql;
let db: Db;
const logged: string[] = [];
const channelId = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  // One connection with the records pool's settings, so every call reuses its prepared plan.
  client = postgres(database.url!, {
    max: 1,
    connection: { ...runtimeConnectionSettings("records"), client_min_messages: "log" },
    onnotice: (notice) => logged.push(String(notice.message)),
  });
  db = drizzle(client, { schema }) as unknown as Db;
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function pendingRow(contactWaId: string): Promise<OutboxRow> {
  const [row] = await client<{ id: string; created_at: Date }[]>`
    insert into outbox (channel_id, contact_wa_id, kind, locked_until, attempts)
    values (${channelId}, ${contactWaId}, 'message', now() + interval '1 minute', 1)
    returning id, created_at`;
  return { id: Number(row!.id), channelId, conversationId: null, messageId: null, contactWaId, kind: "message", body: null, attempts: 1, createdAt: row!.created_at };
}

const sent = (row: OutboxRow, wamid: string) => ({ row, result: { ok: true as const, waMessageId: wamid, response: {} } });

/** The plan auto_explain reported for the statement that ran inside `action`. */
async function executedPlan(action: () => Promise<unknown>): Promise<string> {
  await client.unsafe("load 'auto_explain'");
  await client.unsafe("set auto_explain.log_min_duration = 0");
  await client.unsafe("set auto_explain.log_analyze = on");
  await client.unsafe("set auto_explain.log_buffers = on");
  logged.length = 0;
  await action();
  await client.unsafe("set auto_explain.log_min_duration = -1");
  const plan = logged.find((m) => m.includes("Update on outbox"));
  if (!plan) throw new Error(`no plan was reported:\n${logged.join("\n")}`);
  return plan;
}

describe("the send-outcome write (planned once, on an empty table)", () => {
  test("finds the rows it records by primary key after the outbox has grown", async () => {
    // The planner as PostgreSQL ships it: the plan must come from indexes and query shape,
    // with no scan type ruled out.
    const [planner] = await client`select current_setting('enable_seqscan') as seq, current_setting('enable_bitmapscan') as bitmap, current_setting('jit') as jit`;
    expect(planner).toEqual({ seq: "on", bitmap: "on", jit: "on" });
    // First executions: the generic plan is made now, on an empty outbox.
    for (let i = 0; i < 3; i++) await recordOutcomes(db, [sent(await pendingRow("5511900000001"), `wamid.first${i}`)]);

    // A busy day: thousands of replies sent, each leaving a dead entry in the pending index.
    await client`
      insert into outbox (channel_id, contact_wa_id, kind, status)
      select ${channelId}, '55119' || lpad((g % 2000)::text, 8, '0'), 'message', 'pending'
      from generate_series(1, 30000) g`;
    await client`update outbox set status = 'sent', wa_message_id = 'wamid.day' || id, sent_at = now() where status = 'pending' and locked_until is null`;

    const rows = [await pendingRow("5511900000002"), await pendingRow("5511900000003")];
    const plan = await executedPlan(() => recordOutcomes(db, rows.map((r, i) => sent(r, `wamid.now${i}`))));

    // Each row looked up by id must come from the primary key, not a walk of a whole index.
    const lines = plan.split("\n");
    const idLookups = lines.flatMap((line, i) => {
      const scan = /Index Scan using (\S+) on outbox\b/.exec(line);
      const byId = lines.slice(i + 1, i + 3).some((l) => /(Index Cond|Filter): .*\bid = ANY/.test(l));
      return scan && byId ? [scan[1]] : [];
    });
    expect(idLookups.length, plan).toBeGreaterThan(0);
    expect(idLookups.every((index) => index === "outbox_pkey"), plan).toBe(true);
    const buffers = Number(/Buffers: shared hit=(\d+)/.exec(plan)?.[1] ?? Infinity);
    expect(buffers, plan).toBeLessThan(300);

    const recorded = await client<{ status: string; wa_message_id: string }[]>`
      select status, wa_message_id from outbox where id in ${client(rows.map((r) => r.id))} order by id`;
    expect(recorded).toEqual([
      { status: "sent", wa_message_id: "wamid.now0" },
      { status: "sent", wa_message_id: "wamid.now1" },
    ]);
  });
});

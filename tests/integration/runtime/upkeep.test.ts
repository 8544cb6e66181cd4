import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rowsOf } from "@/lib/runtime/db";
import { tableCounters, tableUpkeep, upkeepPlan } from "@/lib/runtime/upkeep";
import { createTestDatabase, type TestDatabase } from "../../support/db";

/*
 * The runtime vacuums and analyses the tables it churns itself, so a server without
 * autovacuum (this machine's PostgreSQL has it off; PGlite has none) does not slow down batch
 * after batch as finished rows pile up in the "pending" indexes.
 */

let database: TestDatabase;

beforeAll(async () => {
  // One connection: the counters this connection's writes produce are flushed before upkeep reads them.
  database = await createTestDatabase({ max: 1 });
});

afterAll(async () => {
  await database?.drop();
});

/** Makes this connection's table counters visible to pg_stat_user_tables now (they are otherwise sent within a second). */
async function flushCounters() {
  if (database.driver === "postgres") await database.db.execute(sql`select pg_stat_force_next_flush()`);
}

describe("table upkeep", () => {
  test("thresholds: nothing for a quiet table; a vacuum for dead rows; statistics for a table never analysed", () => {
    expect(upkeepPlan([{ table: "inbox", live: 100, dead: 10, changedSinceAnalyze: 10, analyzed: true }])).toEqual([]);
    expect(upkeepPlan([{ table: "inbox", live: 100_000, dead: 5_999, changedSinceAnalyze: 0, analyzed: true }])).toEqual([]);
    expect(upkeepPlan([{ table: "inbox", live: 100_000, dead: 6_000, changedSinceAnalyze: 0, analyzed: true }])).toEqual([
      { table: "inbox", vacuum: true, analyze: false },
    ]);
    expect(upkeepPlan([{ table: "outbox", live: 100_000, dead: 0, changedSinceAnalyze: 1_000, analyzed: false }])).toEqual([
      { table: "outbox", vacuum: false, analyze: true },
    ]);
    expect(upkeepPlan([{ table: "outbox", live: 100_000, dead: 0, changedSinceAnalyze: 1_000, analyzed: true }])).toEqual([]);
  });

  test("finished queue rows are vacuumed away and the table analysed; a second round finds nothing to do", async () => {
    if (database.driver !== "postgres") return; // pg_stat_user_tables counts need a server's statistics collector
    const db = database.db;
    const channel = randomUUID(); // the inbox keeps no foreign key to channels
    // A busy minute of the inbox: 3,000 messages received, then processed (pending → done).
    await db.execute(sql`insert into inbox (channel_id, wa_message_id, contact_wa_id, wa_timestamp, type, payload)
      select ${channel}::uuid, 'wamid.' || g, '55' || (g % 50), 1700000000 + g, 'text', '{}'::jsonb from generate_series(1, 3000) g`);
    await db.execute(sql`update inbox set status = 'done', processed_at = now()`);
    await flushCounters();

    const before = (await tableCounters(db)).find((c) => c.table === "inbox")!;
    expect(before.dead).toBeGreaterThanOrEqual(3_000);

    const done = await tableUpkeep(db);
    expect(done).toContainEqual({ table: "inbox", vacuum: true, analyze: true });

    const after = rowsOf<{ dead: number; vacuumed: boolean; analyzed: boolean }>(
      await db.execute(sql`select n_dead_tup::int as dead, last_vacuum is not null as vacuumed, last_analyze is not null as analyzed
        from pg_stat_user_tables where relname = 'inbox' and schemaname = current_schema()`),
    )[0]!;
    expect(after).toEqual({ dead: 0, vacuumed: true, analyzed: true });
    // The planner now knows the table: 3,000 rows, none pending.
    const [stats] = rowsOf<{ reltuples: number }>(await db.execute(sql`select reltuples::int as reltuples from pg_class where relname = 'inbox'`));
    expect(stats!.reltuples).toBe(3_000);

    await flushCounters();
    expect((await tableUpkeep(db)).filter((a) => a.table === "inbox")).toEqual([]);
  });
});

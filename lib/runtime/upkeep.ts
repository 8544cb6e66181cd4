import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { rowsOf } from "./db";

/*
 * Upkeep of the tables the runtime churns. Every customer message inserts an inbox row and
 * marks it done, writes transcript rows and an outbox row that goes from pending to sent, and
 * updates the contact and the conversation: thousands of dead row versions a minute under
 * load. Until a VACUUM removes them, the partial "pending" indexes the claims read keep every
 * finished row's entry, and until an ANALYZE the planner has no statistics at all — it then
 * answers the claims with bitmap scans that read every dead entry on each call, so each batch
 * got slower than the last (measured: 19,000 index entries read per claim after four minutes,
 * 264 ms for a claim that takes 5 ms once the table is vacuumed and analysed).
 *
 * PostgreSQL's autovacuum does this job where it is on, but it may be off (it is on some
 * managed and test servers, and PGlite, the embedded demo, has none), and its defaults wait
 * for a fifth of a table to change. So the runtime looks at the tables' counters and vacuums or
 * analyses a table itself once enough of it changed. Where autovacuum got there first, the
 * counters are low and nothing is done; `SKIP_LOCKED` leaves a table another vacuum (autovacuum,
 * another instance) is working on.
 */

/** The runtime's queue and conversation tables (constants: they are written into the statement text). */
export const CHURNED_TABLES = ["inbox", "outbox", "messages", "status_events", "conversations", "contacts"] as const;

/** Dead row versions that make a vacuum worth it: a floor, plus a share of the live rows. */
const VACUUM_BASE = 1_000;
const VACUUM_SHARE = 0.05;
/** Rows changed since the last ANALYZE that make new statistics worth it. */
const ANALYZE_BASE = 1_000;
const ANALYZE_SHARE = 0.1;

export type TableCounters = { table: string; live: number; dead: number; changedSinceAnalyze: number; analyzed: boolean };
export type UpkeepAction = { table: string; vacuum: boolean; analyze: boolean };

/** What each table needs, from its counters (pure: the thresholds above). */
export function upkeepPlan(counters: readonly TableCounters[]): UpkeepAction[] {
  const actions: UpkeepAction[] = [];
  for (const c of counters) {
    const vacuum = c.dead >= VACUUM_BASE + VACUUM_SHARE * c.live;
    // Never analysed: the planner is guessing, so any change is worth statistics.
    const analyze = c.changedSinceAnalyze >= (c.analyzed ? ANALYZE_BASE + ANALYZE_SHARE * c.live : ANALYZE_BASE);
    if (vacuum || analyze) actions.push({ table: c.table, vacuum, analyze });
  }
  return actions;
}

/** The churned tables' counters as PostgreSQL keeps them (pg_stat_user_tables, up to a second behind). */
export async function tableCounters(db: Db): Promise<TableCounters[]> {
  const rows = rowsOf<{ table: string; live: string | number; dead: string | number; changed: string | number; analyzed: boolean }>(
    await db.execute(sql`select relname as table, n_live_tup as live, n_dead_tup as dead, n_mod_since_analyze as changed,
        coalesce(last_analyze, last_autoanalyze) is not null as analyzed
      from pg_stat_user_tables
      where schemaname = current_schema() and relname = any(${`{${CHURNED_TABLES.join(",")}}`}::text[])`),
  );
  return rows.map((r) => ({ table: r.table, live: Number(r.live), dead: Number(r.dead), changedSinceAnalyze: Number(r.changed), analyzed: r.analyzed }));
}

/**
 * One round of upkeep: vacuums and/or analyses the churned tables that need it, one after the
 * other (each a statement of its own, outside any transaction). Returns what was done.
 */
export async function tableUpkeep(db: Db): Promise<UpkeepAction[]> {
  const actions = upkeepPlan(await tableCounters(db));
  for (const { table, vacuum, analyze } of actions) {
    if (!(CHURNED_TABLES as readonly string[]).includes(table)) continue;
    const command = vacuum ? `vacuum (skip_locked${analyze ? ", analyze" : ""}) ${table}` : `analyze (skip_locked) ${table}`;
    await db.execute(sql.raw(command));
  }
  return actions;
}

import "server-only";
import { env } from "@/lib/config/env";
import { getConnection } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { openBatchConnection, type BatchConnection } from "./sql";

/**
 * Pools of the background loops, apart from the pool that serves requests, so a busy worker
 * never makes the webhook wait for a connection (the ack latency Meta measures):
 * - `loops`: processing batches, claims, HTTP jobs, the sweeper;
 * - `records`: the sender's outcome writes only. Every moment between Meta accepting a
 *   message and our record of it is a window in which a crash means sending it twice, so
 *   these writes never queue behind a processing batch.
 */
export type RuntimePool = "loops" | "records";

const SIZES: Record<RuntimePool, () => number> = {
  loops: () => env.RUNTIME_DB_POOL_SIZE,
  records: () => env.RUNTIME_RECORD_WRITERS,
};

const state = globalThis as unknown as { __atendoRuntimeDb?: Partial<Record<RuntimePool, Promise<Db>>> };

/**
 * Session settings of the runtime's connections.
 *
 * A statement stuck behind a lock must not stall a loop forever: fail, retry, move on.
 *
 * Each execution of a prepared statement is planned for its parameters and the tables as they
 * are (`plan_cache_mode = force_custom_plan`; prepared, it still skips parsing). Left to
 * PostgreSQL's default, a statement first run on a fresh install keeps a generic plan made for
 * nearly empty tables — a sequential scan — until an ANALYZE of its tables, which on a server
 * with autovacuum off never comes: in bench:runtime the closed loop then slowed turn after
 * turn (595 → 272 messages/s) while the outbox was read whole 17,000 times. The other planner
 * settings are PostgreSQL's own: the plans come from the statements' shape — rows found by
 * primary key (`id = any($1)`, see sql.ts), heads by a correlated LIMIT 1 on the pending
 * indexes — and tests/integration/runtime/query-plans.test.ts checks them on grown tables.
 */
export function runtimeConnectionSettings(pool: RuntimePool): Record<string, string | number> {
  return {
    application_name: `atendo-runtime-${pool}`,
    statement_timeout: 30_000,
    plan_cache_mode: "force_custom_plan",
  };
}

/** PGlite is a single connection: every pool is the main one there. */
export function getRuntimeDb(pool: RuntimePool = "loops"): Promise<Db> {
  const pools = (state.__atendoRuntimeDb ??= {});
  pools[pool] ??= (async () => {
    const main = await getConnection();
    if (main.driver !== "postgres") return main.db;
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(main.url, {
      max: SIZES[pool](),
      idle_timeout: 30,
      onnotice: () => {},
      connection: runtimeConnectionSettings(pool),
    });
    return drizzle(client, { schema }) as unknown as Db;
  })().catch((error) => {
    delete pools[pool];
    throw error;
  });
  return pools[pool]!;
}

/**
 * A connection of its own for one inbox worker's batches (`batchTransaction` pipelines BEGIN
 * and COMMIT on it), with the loops' settings; on PGlite the one connection.
 */
export async function openBatchDb(): Promise<BatchConnection> {
  const main = await getConnection();
  if (main.driver !== "postgres") return { db: () => main.db, end: async () => {} };
  return openBatchConnection(main.url, runtimeConnectionSettings("loops"));
}

/** Rows of `db.execute()`: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

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
 *   these writes never queue behind a processing batch;
 * - `media`: the media process's fetcher and retention (docs/media.md).
 */
export type RuntimePool = "loops" | "records" | "media";

const SIZES: Record<RuntimePool, () => number> = {
  loops: () => env.RUNTIME_DB_POOL_SIZE,
  records: () => env.RUNTIME_RECORD_WRITERS,
  // A claim or record per download at once, and one for the retention round.
  media: () => env.MEDIA_FETCH_CONCURRENCY + 1,
};

const state = globalThis as unknown as { __atendoRuntimeDb?: Partial<Record<RuntimePool, Promise<Db>>> };

/**
 * Session settings of the runtime's connections.
 *
 * A statement stuck behind a lock must not stall a loop forever: fail, retry, move on.
 *
 * The planner settings are PostgreSQL's own: the plans come from the statements' shape — rows
 * found by primary key (`id = any($1)`, see sql.ts), heads by a correlated LIMIT 1 on the
 * pending indexes — and from statistics the runtime keeps current itself (upkeep.ts: an
 * ANALYZE also makes PostgreSQL re-plan the prepared statements that read the table, so a
 * plan made on a fresh install's empty tables does not outlive them);
 * tests/integration/runtime/query-plans.test.ts checks the plans on grown tables.
 */
export function runtimeConnectionSettings(pool: RuntimePool): Record<string, string | number> {
  return {
    application_name: `atendo-runtime-${pool}`,
    statement_timeout: 30_000,
    // The fetcher's commits (leases, "stored", "failed") do not wait for the WAL to reach the
    // disk: they share it with the webhook's inbox commits, which do. What a database crash
    // could lose of them (well under a second) is redone: a lease runs out and the file is
    // fetched and stored again under the same key. Nothing a customer sent depends on them.
    ...(pool === "media" ? { synchronous_commit: "off" } : {}),
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

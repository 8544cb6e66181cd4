import "server-only";
import { getConnection } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

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
  loops: () => Number(process.env.RUNTIME_DB_POOL_SIZE ?? 5),
  records: () => Math.max(1, Number(process.env.RUNTIME_RECORD_WRITERS ?? 1)),
};

const state = globalThis as unknown as { __atendoRuntimeDb?: Partial<Record<RuntimePool, Promise<Db>>> };

/**
 * Session settings of the runtime's connections.
 *
 * A statement stuck behind a lock must not stall a loop forever: fail, retry, move on.
 *
 * Every statement of the runtime looks rows up by key or walks a small partial index in
 * order. They are prepared once per connection, and PostgreSQL keeps the generic plan it
 * made then: made while the tables were small (a fresh install), it would go on scanning
 * them whole long after they have grown. Ruling out sequential and bitmap scans keeps
 * those plans on the indexes at any size; ordered index scans also skip the entries of
 * finished queue rows (bitmap scans cannot mark them dead).
 *
 * The records pool also keeps to the generic plan: left to choose, PostgreSQL re-planned
 * the outcome statement (a dozen CTEs over array parameters) for every other batch — a
 * millisecond of planning for a millisecond of work.
 *
 * No JIT: ruling out sequential scans prices one that cannot be avoided (the queues of a
 * workspace, postgres.js's own type lookup) at 10^10, far over the JIT threshold, and
 * each such call then spent 50–70 ms compiling itself.
 */
export function runtimeConnectionSettings(pool: RuntimePool): Record<string, string | number> {
  return {
    application_name: `atendo-runtime-${pool}`,
    statement_timeout: 30_000,
    enable_seqscan: "off",
    enable_bitmapscan: "off",
    jit: "off",
    ...(pool === "records" ? { plan_cache_mode: "force_generic_plan" } : {}),
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

/** Rows of `db.execute()`: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

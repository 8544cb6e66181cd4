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
  records: () => Math.max(1, Number(process.env.RUNTIME_RECORD_WRITERS ?? 4)),
};

const state = globalThis as unknown as { __atendoRuntimeDb?: Partial<Record<RuntimePool, Promise<Db>>> };

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
      // A statement stuck behind a lock must not stall a loop forever: fail, retry, move on.
      connection: { application_name: `atendo-runtime-${pool}`, statement_timeout: 30_000 },
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

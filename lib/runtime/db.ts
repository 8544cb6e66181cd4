import "server-only";
import { getConnection } from "@/lib/db";
import { connectDatabase } from "@/lib/db/connect";
import type { Db } from "@/lib/db/types";

const state = globalThis as unknown as { __atendoRuntimeDb?: Promise<Db> };

/**
 * The background loops' own small pool on PostgreSQL, so a busy worker never makes the
 * webhook wait for a connection (the ack latency Meta measures). PGlite is a single
 * connection: the loops share it.
 */
export function getRuntimeDb(): Promise<Db> {
  state.__atendoRuntimeDb ??= (async () => {
    const main = await getConnection();
    if (main.driver !== "postgres") return main.db;
    const own = await connectDatabase({ url: main.url, max: Number(process.env.RUNTIME_DB_POOL_SIZE ?? 4) });
    return own.db;
  })().catch((error) => {
    state.__atendoRuntimeDb = undefined;
    throw error;
  });
  return state.__atendoRuntimeDb;
}

/** Rows of `db.execute()`: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

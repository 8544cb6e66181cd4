import "server-only";
import { getConnection } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

const state = globalThis as unknown as { __atendoRuntimeDb?: Promise<Db> };

/**
 * The background loops' own pool on PostgreSQL, so a busy worker never makes the webhook wait
 * for a connection (the ack latency Meta measures). Idle connections are closed after a
 * while: several instances and test runs share one server's connection limit. PGlite is a
 * single connection: the loops share it.
 */
export function getRuntimeDb(): Promise<Db> {
  state.__atendoRuntimeDb ??= (async () => {
    const main = await getConnection();
    if (main.driver !== "postgres") return main.db;
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(main.url, { max: Number(process.env.RUNTIME_DB_POOL_SIZE ?? 6), idle_timeout: 30, onnotice: () => {} });
    return drizzle(client, { schema }) as unknown as Db;
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

import "server-only";
import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { rowsOf } from "./db";

type PostgresJsClient = { unsafe: (query: string, params: unknown[], options: { prepare: boolean }) => Promise<unknown[]> };
type Internals = { dialect?: { sqlToQuery: (query: SQL) => { sql: string; params: unknown[] } }; _?: { session?: { client?: unknown } } };

/**
 * Runs one of the runtime's hot statements as a named prepared statement on postgres.js
 * (drizzle sends every query unprepared, so PostgreSQL would parse and plan these CTEs on
 * each call — a large share of its CPU at hundreds of messages per second). The statement
 * texts are constant (variable data travels as JSON parameters), so each connection
 * prepares each statement once. Other drivers (PGlite) go through drizzle as usual.
 */
export async function run<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const internals = db as unknown as Internals;
  const client = internals._?.session?.client as Partial<PostgresJsClient> | undefined;
  if (client && typeof client.unsafe === "function" && internals.dialect) {
    const { sql: text, params } = internals.dialect.sqlToQuery(query);
    return (await client.unsafe(text, params, { prepare: true })) as T[];
  }
  return rowsOf<T>(await db.execute(query));
}

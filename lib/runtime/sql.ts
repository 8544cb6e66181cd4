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
  return start<T>(db, query);
}

/**
 * Like `run`, but the statement is on its way to the connection's queue when this returns, so
 * a statement started right after it goes out behind it (a pipelined COMMIT must follow the
 * statement it commits). `await` on a postgres.js query dispatches it only after an extra
 * microtask, later than a query started with `.catch` after it; two queries started with
 * `.catch` one after the other keep their order.
 */
export function start<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const internals = db as unknown as Internals;
  const client = internals._?.session?.client as Partial<PostgresJsClient> | undefined;
  if (client && typeof client.unsafe === "function" && internals.dialect) {
    const { sql: text, params } = internals.dialect.sqlToQuery(query);
    const pending = client.unsafe(text, params, { prepare: true }) as Promise<T[]>;
    pending.catch(() => {}); // starts it now; the caller awaits it
    return pending;
  }
  return db.execute(query).then((result) => rowsOf<T>(result));
}

/**
 * A PostgreSQL array literal of ids or uuids, to bind as ONE parameter (`= any($1::uuid[])`):
 * the statement text stays constant (prepared once) and, unlike a join against
 * `jsonb_to_recordset` — which the planner guesses at 100 rows and answers with a hash join
 * over a sequential scan of the whole table — it lets PostgreSQL use the primary key.
 * Only for values we generated (numbers and uuids): nothing here is quoted.
 */
export function idArray(values: readonly (string | number)[]): string {
  return `{${values.join(",")}}`;
}

/** The same for text values (WhatsApp message ids): every element quoted and escaped. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

/*
 * Pending by id. Statements that look queue rows up by primary key and re-check that they
 * are still pending compare the status as text (`status::text = 'pending'`). Written as
 * `status = 'pending'`, the check matches the predicate of the partial "pending" indexes,
 * whose keys start with channel and contact, not id — and a plan made while the table was
 * nearly empty answered the lookup by walking one of them whole. Prepared statements keep
 * that plan; as the index grew (dead entries stay until a vacuum) the sender's outcome write
 * went from 0.5 ms to 5–40 ms a call. Compared as text, only the primary key fits.
 */

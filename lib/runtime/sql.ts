import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/lib/db/schema";
import type { Db, DbOrTx } from "@/lib/db/types";
import { rowsOf } from "./db";

/*
 * The runtime's one place that talks to postgres.js directly, through its public API only
 * (`unsafe(text, params, { prepare: true })`, a client of one connection, `onclose`), where
 * drizzle cannot express the hot path: its statements as named prepared statements, and the
 * processing batch's transaction with BEGIN and COMMIT pipelined. The statements are written
 * with our own `stmt` tag below, which renders them to text and parameters itself; everything
 * else goes through drizzle as usual. PGlite (the demo: one in-process connection) and drizzle
 * transactions run the same statements through drizzle's public `sql` API.
 */

// ---------------------------------------------------------------------------------------
// Statements

/** A value a statement sends as a parameter. Never part of the statement's text. */
export type Param = string | number | boolean | null;

/**
 * A statement (or a fragment of one) written with `stmt`: its text chunks and, between them,
 * the values — parameters, or statements inlined where they stand. Its text depends only on
 * how it was written, never on the data, so a statement stays one prepared statement.
 */
export class Statement {
  /** Built by `stmt` (and `stmt.raw`) only: `chunks` has one more element than `values`. */
  constructor(
    readonly chunks: readonly string[],
    readonly values: readonly (Param | Statement)[],
  ) {}

  /** PostgreSQL text with `$1`…`$n` placeholders, and the parameters in that order. */
  render(): { text: string; params: Param[] } {
    const params: Param[] = [];
    return { text: this.write(params), params };
  }

  private write(params: Param[]): string {
    let text = this.chunks[0]!;
    for (let i = 0; i < this.values.length; i++) {
      const value = this.values[i]!;
      // A nested statement's own values are numbered in turn, so a fragment used twice binds its values twice.
      text += value instanceof Statement ? value.write(params) : `$${params.push(value)}`;
      text += this.chunks[i + 1]!;
    }
    return text;
  }

  /** The same statement as a drizzle `SQL`, built with drizzle's public API (for handles that are not postgres.js). */
  toSQL(): SQL {
    const parts: SQL[] = [];
    const add = (statement: Statement) => {
      statement.chunks.forEach((chunk, i) => {
        if (chunk) parts.push(sql.raw(chunk));
        if (i === statement.values.length) return;
        const value = statement.values[i]!;
        if (value instanceof Statement) add(value);
        else parts.push(sql`${value}`);
      });
    };
    add(this);
    return sql.join(parts);
  }
}

/**
 * The runtime's statement tag: `` stmt`select … where id = ${id}` ``. A `Statement` interpolated
 * in another is inlined; every other value becomes a parameter — there is no way to splice data
 * into the text (for a constant keyword or list, `stmt.raw`). Values are checked here as well as
 * typed: an array or an object (a drizzle `sql` fragment, say) would otherwise travel as a
 * parameter the statement never meant, and `undefined` has no meaning as one.
 */
export function stmt(strings: TemplateStringsArray, ...values: (Param | Statement)[]): Statement {
  for (const value of values) {
    if (value === null || value instanceof Statement) continue;
    const type = typeof value;
    if (type !== "string" && type !== "number" && type !== "boolean") {
      throw new TypeError(`stmt: cannot bind ${Array.isArray(value) ? "an array" : type === "object" ? "an object" : type} as a parameter`);
    }
  }
  return new Statement(strings, values);
}

/**
 * Text spliced in as it is, for compile-time constants only: the type admits string literals
 * (and constants declared with one), not a `string` computed at run time.
 */
stmt.raw = <T extends string>(text: string extends T ? never : T): Statement => new Statement([text], []);

/** The postgres.js client under a drizzle handle (drizzle's documented `$client`), or null (PGlite, a drizzle transaction). */
function postgresClient(db: DbOrTx): postgres.Sql | null {
  const client = (db as { $client?: unknown }).$client as Partial<postgres.Sql> | undefined;
  return typeof client?.unsafe === "function" ? (client as postgres.Sql) : null;
}

/**
 * Runs one of the runtime's hot statements as a named prepared statement on postgres.js
 * (drizzle sends every query unprepared, so PostgreSQL would parse and plan these CTEs on
 * each call — a large share of its CPU at hundreds of messages per second). The statement
 * texts are constant (variable data travels as JSON parameters), so each connection
 * prepares each statement once. Other handles (PGlite, a drizzle transaction) go through
 * drizzle as usual.
 */
export async function run<T>(db: DbOrTx, query: Statement): Promise<T[]> {
  return start<T>(db, query);
}

/**
 * Like `run`, but the statement is on its way to the connection's queue when this returns, so
 * a statement started right after it goes out behind it (a pipelined COMMIT must follow the
 * statement it commits). `await` on a postgres.js query dispatches it only after an extra
 * microtask, later than a query started with `.catch` after it; two queries started with
 * `.catch` one after the other keep their order.
 */
export function start<T>(db: DbOrTx, query: Statement): Promise<T[]> {
  const client = postgresClient(db);
  if (!client) return db.execute(query.toSQL()).then((result) => rowsOf<T>(result));
  try {
    batchConnections.get(client)?.check();
  } catch (error) {
    return Promise.reject(error);
  }
  const { text, params } = query.render();
  const pending = client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }) as unknown as Promise<T[]>;
  pending.catch(() => {}); // starts it now; the caller awaits it
  return pending;
}

// ---------------------------------------------------------------------------------------
// The processing batch's transaction

/** Runs a transaction's last statement and commits with it; resolves once both are done. */
export type Finish = <T>(query: Statement) => Promise<T[]>;

/** A batch connection's state: how often its connection closed, that count when the batch began, and whether a batch lost it. */
type BatchConnectionState = { closes: number; batchBegan: number | null; lost: boolean; check: () => void };

const batchConnections = new WeakMap<postgres.Sql, BatchConnectionState>();

/** One inbox worker's connection for its batches; `db()` is the handle for the next batch. */
export type BatchConnection = { db: () => Db; end: () => Promise<void> };

/**
 * A connection of its own for one inbox worker's batches: a postgres.js client of ONE
 * connection, used by nothing else, so the statements of a batch follow each other on it in
 * the order they are started — what lets `batchTransaction` pipeline BEGIN and COMMIT.
 *
 * postgres.js reconnects a closed client on its next query: a statement of a batch whose
 * connection closed meanwhile (its transaction gone with it) would run on a new connection
 * outside any transaction. `onclose` counts the closes, and every statement of a batch
 * (`run`/`start`, the COMMIT) refuses to run once its connection has closed since BEGIN.
 * A client whose connection was lost during a batch is not used again (postgres.js 3.4 can
 * leave the query queued behind the failed one unsettled, and the client stuck behind it):
 * `db()` opens a new one for the next batch.
 */
export function openBatchConnection(url: string, settings: Record<string, string | number>): BatchConnection {
  const open = () => {
    const state: BatchConnectionState = {
      closes: 0,
      batchBegan: null,
      lost: false,
      check() {
        if (state.batchBegan !== null && state.closes !== state.batchBegan) {
          throw Object.assign(new Error("the batch's database connection closed; its transaction is gone"), { code: "CONNECTION_CLOSED" });
        }
      },
    };
    const client = postgres(url, { max: 1, idle_timeout: 30, onnotice: () => {}, onclose: () => void state.closes++, connection: settings });
    batchConnections.set(client, state);
    return { client, state, db: drizzle(client, { schema }) as unknown as Db };
  };
  let current = open();
  return {
    db() {
      if (current.state.lost) {
        void current.client.end({ timeout: 0 }).catch(() => {});
        current = open();
      }
      return current.db;
    },
    end: () => current.client.end({ timeout: 5 }),
  };
}

/**
 * Runs `work` in a transaction whose BEGIN and COMMIT cost no round trips of their own: BEGIN
 * is written on the connection together with the first statement, and `finish(query)` writes
 * the last statement followed at once by COMMIT. The worker thread also sends the replies, so
 * under load each answer from PostgreSQL waits a millisecond or two for its event loop; a
 * batch made five such round trips (begin, claim, write, commit and one more), now two.
 *
 * If the last statement fails, PostgreSQL answers the COMMIT behind it with a ROLLBACK and
 * `finish` throws: nothing was written. Once `finish` has resolved the transaction is
 * committed, so `work` must do nothing that can fail after it. A `work` that never calls
 * `finish` is committed when it returns, rolled back when it throws.
 *
 * `db` must be a connection of the batch's own (`openBatchConnection(…).db()`); any other handle
 * (PGlite: one connection, no pipelining; a pool) gets an ordinary transaction.
 */
export async function batchTransaction<T>(db: Db, work: (tx: DbOrTx, finish: Finish) => Promise<T>): Promise<T> {
  const client = postgresClient(db);
  const connection = client ? batchConnections.get(client) : undefined;
  if (!client || !connection) return db.transaction((tx) => work(tx, (query) => run(tx, query)));
  if (connection.batchBegan !== null) throw new Error("batchTransaction: the connection is already in a batch");

  let committed = false;
  const quietly = <Q>(query: Promise<Q>): Promise<Q> => {
    // Awaited below; this only keeps a failure from counting as unhandled meanwhile.
    query.catch(() => {});
    return query;
  };
  const commit = () => {
    connection.check();
    return quietly(client.unsafe("commit") as unknown as Promise<unknown>);
  };
  connection.batchBegan = connection.closes;
  const begin = quietly(client.unsafe("begin") as unknown as Promise<unknown>);
  const finish: Finish = async <R>(query: Statement) => {
    connection.check();
    const statement = start<R>(db, query);
    const committing = commit();
    try {
      const rows = await statement;
      await committing;
      committed = true;
      return rows;
    } catch (error) {
      // The COMMIT behind a failed statement answers ROLLBACK: the transaction is over once it
      // has. On a lost connection there is nothing to wait for (postgres.js may never settle
      // the query queued behind the one the connection failed).
      if (!isConnectionError(error)) await committing.catch(() => {});
      throw error;
    }
  };
  try {
    const result = await work(db, finish);
    await begin;
    if (!committed) {
      await commit();
      committed = true;
    }
    return result;
  } catch (error) {
    // A lost connection has rolled the transaction back already (and the next batch gets a
    // new one); after any other error the connection is alive and the transaction must end here.
    if (isConnectionError(error) || connection.closes !== connection.batchBegan) connection.lost = true;
    else if (!committed) {
      try {
        await client.unsafe("rollback");
      } catch {
        // the error that matters is the first one
      }
    }
    throw error;
  } finally {
    connection.batchBegan = null;
  }
}

/** postgres.js's errors for a connection that closed, was refused, or never answered. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("CONNECT") || code.startsWith("E"));
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

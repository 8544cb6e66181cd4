import "server-only";
import type { SQL } from "drizzle-orm";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js/session";
import type postgres from "postgres";
import type { Db, DbOrTx } from "@/lib/db/types";
import { run, start } from "./sql";

/** Runs a transaction's last statement and commits with it; resolves once both are done. */
export type Finish = <T>(query: SQL) => Promise<T[]>;

type Internals = {
  $client?: Partial<postgres.Sql>;
  _: { session: { dialect: unknown; schema: unknown; options: unknown } };
};

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
 * Other drivers (PGlite: one connection, no pipelining) get an ordinary transaction.
 */
export async function batchTransaction<T>(db: Db, work: (tx: DbOrTx, finish: Finish) => Promise<T>): Promise<T> {
  const internals = db as unknown as Internals;
  const client = internals.$client;
  if (typeof client?.reserve !== "function") return db.transaction((tx) => work(tx, (query) => run(tx, query)));

  const connection = await reserveConnection(client.reserve.bind(client));
  const { dialect, schema, options } = internals._.session;
  const session = new (PostgresJsSession as unknown as new (...a: unknown[]) => unknown)(connection, dialect, schema, options);
  const tx = new (PostgresJsTransaction as unknown as new (...a: unknown[]) => DbOrTx)(dialect, session, schema);
  let committed = false;
  const quietly = <Q>(query: Promise<Q>): Promise<Q> => {
    // Awaited below; this only keeps a failure from counting as unhandled meanwhile.
    query.catch(() => {});
    return query;
  };
  const begin = quietly(connection.unsafe("begin"));
  const finish: Finish = async <R>(query: SQL) => {
    const statement = start<R>(tx, query);
    const commit = quietly(connection.unsafe("commit"));
    try {
      const rows = await statement;
      await commit;
      committed = true;
      return rows;
    } finally {
      await commit.catch(() => {});
    }
  };
  try {
    const result = await work(tx, finish);
    await begin;
    if (!committed) {
      await connection.unsafe("commit");
      committed = true;
    }
    return result;
  } catch (error) {
    // A lost connection has rolled the transaction back already (and postgres.js must not
    // be given another query on it); after any other error the connection is alive.
    if (!committed && !isConnectionError(error)) {
      try {
        await connection.unsafe("rollback");
      } catch {
        // the error that matters is the first one
      }
    }
    throw error;
  } finally {
    connection.release();
  }
}

/**
 * How long a batch waits for a connection of its own. The loop's pool has room, so normally
 * at once; waiting longer means the database is unreachable, and the loop backs off and tries
 * again.
 */
const RESERVE_TIMEOUT_MS = 10_000;

/**
 * `reserve()` with a deadline. postgres.js (3.4.x, porsager/postgres#1195) strands a reserve
 * that is waiting while its connection closes: the promise never settles. During a database
 * outage that left the batch loop waiting forever, with messages piling up after the
 * database was back (the resilience test's outage caught it about one run in four). A
 * reservation that arrives after the deadline is handed straight back.
 */
export async function reserveConnection<C extends { release: () => void }>(reserve: () => Promise<C>, timeoutMs = RESERVE_TIMEOUT_MS): Promise<C> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const reserving = reserve();
  try {
    return await Promise.race([
      reserving,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new Error(`no database connection within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (timedOut) reserving.then((late) => late.release(), () => {});
  }
}

/** postgres.js's errors for a connection that closed, was refused, or never answered. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("CONNECT") || code.startsWith("E"));
}

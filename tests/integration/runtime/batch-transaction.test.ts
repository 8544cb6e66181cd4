import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rowsOf } from "@/lib/runtime/db";
import { batchTransaction, idArray, openBatchConnection, run, stmt, textArray, type BatchConnection } from "@/lib/runtime/sql";
import { createTestDatabase, type TestDatabase } from "../../support/db";

let database: TestDatabase;
/** A connection of the batches' own, as each inbox worker has (lib/runtime/db.ts: openBatchDb). */
let own: BatchConnection;

beforeAll(async () => {
  database = await createTestDatabase();
  own = openBatchConnection(database.url!, {});
  // Each row remembers the transaction that wrote it.
  await database.db.execute(sql`create table ledger (n int primary key, tx xid8 not null default pg_current_xact_id())`);
});

afterAll(async () => {
  await own?.end();
  await database?.drop();
});

async function ledger() {
  return rowsOf<{ n: number; transactions: number }>(
    await database.db.execute(sql`select count(*)::int as n, count(distinct tx)::int as transactions from ledger`),
  )[0]!;
}

describe("the processing batch's transaction (BEGIN and COMMIT sent with its first and last statements)", () => {
  test("every statement of a batch, the last one that carries the COMMIT included, is in one transaction", async () => {
    // Many batches: a statement's first use on a connection is prepared in two steps, later ones in one.
    for (let batch = 0; batch < 20; batch++) {
      const rows = await batchTransaction(own.db(), async (tx, finish) => {
        await run(tx, stmt`insert into ledger (n) values (${batch * 3})`);
        await run(tx, stmt`insert into ledger (n) values (${batch * 3 + 1})`);
        return finish<{ n: number }>(stmt`insert into ledger (n) values (${batch * 3 + 2}) returning n`);
      });
      expect(rows).toEqual([{ n: batch * 3 + 2 }]);
    }
    expect(await ledger()).toEqual({ n: 60, transactions: 20 });
  });

  test("a last statement that fails writes nothing, and the error reaches the caller", async () => {
    const before = await ledger();
    await expect(
      batchTransaction(own.db(), async (tx, finish) => {
        await run(tx, stmt`insert into ledger (n) values (1000)`);
        await finish(stmt`insert into ledger (n) values (0)`); // n = 0 exists
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await ledger()).toEqual(before);
  });

  test("a batch that throws before its last statement writes nothing; one that never finishes commits on return", async () => {
    const before = await ledger();
    await expect(
      batchTransaction(own.db(), async (tx) => {
        await run(tx, stmt`insert into ledger (n) values (2000)`);
        throw new Error("the engine failed");
      }),
    ).rejects.toThrow("the engine failed");
    expect(await ledger()).toEqual(before);

    await batchTransaction(own.db(), async (tx) => {
      await run(tx, stmt`insert into ledger (n) values (3000)`);
    });
    expect((await ledger()).n).toBe(before.n + 1);
  });

  test("a batch whose connection is lost midway writes nothing — not even on the connection that replaces it", async () => {
    const before = await ledger();
    await expect(
      batchTransaction(own.db(), async (tx, finish) => {
        await run(tx, stmt`insert into ledger (n) values (4000)`);
        const [backend] = await run<{ pid: number }>(tx, stmt`select pg_backend_pid() as pid`);
        await database.db.execute(sql`select pg_terminate_backend(${backend!.pid})`);
        // Until PostgreSQL has let it go; the client may or may not have seen the close yet.
        for (;;) {
          const [row] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from pg_stat_activity where pid = ${backend!.pid}`));
          if (row!.n === 0) break;
        }
        await new Promise((resolve) => setImmediate(resolve));
        await finish(stmt`insert into ledger (n) values (4001)`);
      }),
    ).rejects.toThrow();
    expect(await ledger()).toEqual(before);
    // The next batch runs on a new connection.
    await batchTransaction(own.db(), async (_tx, finish) => finish(stmt`insert into ledger (n) values (4002)`));
    expect((await ledger()).n).toBe(before.n + 1);
  });
});

describe("a statement of the runtime's tag (stmt)", () => {
  test("gives the same rows prepared on postgres.js and through drizzle inside a transaction", async () => {
    const fragment = stmt`${"it's"}::text || ${"!"}`;
    const statement = stmt`select ${fragment} as said, ${fragment} as again, ${null}::int as nothing, ${true}::boolean as yes,
        ${41}::int + 1 as answer, (${JSON.stringify({ a: [1, "b"] })}::jsonb)->'a'->>1 as b,
        cardinality(${idArray([1, 2, 3])}::bigint[]) as ids, (${textArray(['say "hi"', "back\\slash"])}::text[])[2] as quoted`;
    const expected = [{ said: "it's!", again: "it's!", nothing: null, yes: true, answer: 42, b: "b", ids: 3, quoted: "back\\slash" }];
    // database.db is a postgres.js pool: run() sends the rendered text as a named prepared statement.
    expect(await run(database.db, statement)).toEqual(expected);
    expect(await run(own.db(), statement)).toEqual(expected);
    // A drizzle transaction is not a postgres.js client: run() builds drizzle SQL from the statement.
    expect(await database.db.transaction((tx) => run(tx, statement))).toEqual(expected);
  });
});

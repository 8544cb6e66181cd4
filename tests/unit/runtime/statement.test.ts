import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/lib/db/connect";
import { deliveryRankStatement } from "@/lib/runtime/delivery";
import { idArray, run, Statement, stmt, textArray } from "@/lib/runtime/sql";

describe("stmt, the runtime's statement tag", () => {
  test("a nested statement is inlined and its values numbered in turn", () => {
    const inner = stmt`b = ${2} and ${stmt`c = ${3}`}`;
    expect(stmt`select ${1} where ${inner} and d = ${4}`.render()).toEqual({
      text: "select $1 where b = $2 and c = $3 and d = $4",
      params: [1, 2, 3, 4],
    });
  });

  test("values never become text, whatever they hold", () => {
    const hostile = "x'); drop table inbox; -- $1";
    const { text, params } = stmt`select ${hostile}::text, ${"$2"}, ${null}, ${true}, ${-1.5}`.render();
    expect(text).toBe("select $1::text, $2, $3, $4, $5");
    expect(params).toEqual([hostile, "$2", null, true, -1.5]);
  });

  test("a fragment used twice binds its values twice", () => {
    const fragment = stmt`s.status = ${"sent"}`;
    expect(stmt`${fragment} or ${fragment}`.render()).toEqual({ text: "s.status = $1 or s.status = $2", params: ["sent", "sent"] });
    const rank = deliveryRankStatement(stmt`${"read"}::text`);
    const { text, params } = stmt`select ${rank} as a, ${rank} as b`.render();
    expect(params).toEqual(["read", "read"]);
    expect(text.match(/\$\d+/g)).toEqual(["$1", "$2"]);
  });

  test("an empty fragment leaves nothing behind; raw text is spliced as written", () => {
    expect(stmt`where a = ${1} ${stmt``}and b = ${2}`.render()).toEqual({ text: "where a = $1 and b = $2", params: [1, 2] });
    expect(stmt`order by id ${stmt.raw("desc")} limit ${5}`.render()).toEqual({ text: "order by id desc limit $1", params: [5] });
  });

  test("only parameters and statements can be interpolated", () => {
    const loose = stmt as unknown as (strings: TemplateStringsArray, ...values: unknown[]) => Statement;
    expect(() => loose`a = ${undefined}`).toThrow(TypeError);
    expect(() => loose`a in ${[1, 2]}`).toThrow(/array/);
    expect(() => loose`a = ${{ id: 1 }}`).toThrow(/object/);
    // A drizzle fragment is not a Statement: it must not travel as a parameter.
    expect(() => loose`a = ${sql`1`}`).toThrow(/object/);
    const computed: string = "desc";
    // @ts-expect-error stmt.raw takes compile-time constants (string literal types) only
    stmt.raw(computed);
  });
});

describe("the same statement through drizzle (PGlite) and as text with parameters", () => {
  let connection: DatabaseConnection;
  // An in-memory PGlite starts in a few seconds, more on a loaded machine.
  beforeAll(async () => {
    connection = await connectDatabase({ dataDir: "memory://" });
  }, 60_000);
  afterAll(async () => {
    await connection?.close();
  });

  // Casts, a JSON parameter, array literals, null, a boolean, nested and reused fragments.
  const fragment = stmt`${"it's"}::text || ${"!"}`;
  const statement = stmt`select ${fragment} as said, ${fragment} as again, ${null}::int as nothing, ${true}::boolean as yes,
      ${41}::int + 1 as answer, (${JSON.stringify({ a: [1, "b"] })}::jsonb)->'a'->>1 as b,
      cardinality(${idArray([1, 2, 3])}::bigint[]) as ids, (${textArray(['say "hi"', "back\\slash"])}::text[])[1] as quoted,
      ${deliveryRankStatement(stmt`${"delivered"}::text`)} as rank`;
  const expected = { said: "it's!", again: "it's!", nothing: null, yes: true, answer: 42, b: "b", ids: 3, quoted: 'say "hi"', rank: 4 };

  test("run() on a handle that is not postgres.js goes through drizzle and gets the rows", async () => {
    expect(connection.driver).toBe("pglite");
    expect(await run(connection.db, statement)).toEqual([expected]);
  });

  test("the rendered text and parameters — what postgres.js is sent — give the same rows", async () => {
    if (connection.driver !== "pglite") throw new Error("expected PGlite");
    const { text, params } = statement.render();
    expect((await connection.pglite.query(text, params)).rows).toEqual([expected]);
  });
});

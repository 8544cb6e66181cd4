/**
 * ReDoS through the API: marketer regexes run on RE2 in the simulator (the same engine
 * the runtime uses), so a catastrophic pattern answers at once instead of blocking the
 * server; the lint endpoint refuses patterns RE2 cannot run, naming the step and field.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { signIn } from "../../support/session";
import { call, session, type Caller } from "./client";

let database: TestDatabase;
let app: AppServer;
let caller: Caller;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
  const editor = await signIn(app.url, "editor@demo.atendo", "atendo-demo");
  expect(editor.ok).toBe(true);
  caller = session(editor.cookie, "editor session");
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

// On V8's backtracking RegExp, `^(a+)+$` against n "a"s and a "!" tries 2^n splits: 28
// took 1.2 s, 40 would take hours. RE2 is one linear pass.
const EVIL = "^(a+)+$";
const ATTACK = `${"a".repeat(40)}!`;

function document(pattern: string) {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      { id: "ask_msg", type: "question", position: { x: 0, y: 100 }, data: { text: "¿Mensaje?", variable: "msg" } },
      {
        id: "check",
        type: "condition",
        position: { x: 0, y: 200 },
        data: { label: "¿Es spam?", rules: [{ id: "spam", variable: "msg", operator: "matches", value: EVIL }] },
      },
      { id: "spam_end", type: "end", position: { x: -150, y: 300 }, data: { text: "coincide" } },
      {
        id: "ask_code",
        type: "question",
        position: { x: 150, y: 300 },
        data: { label: "Código", text: "¿Código?", variable: "codigo", validation: { kind: "regex", pattern }, errorText: "Código no válido" },
      },
      { id: "done", type: "end", position: { x: 150, y: 400 }, data: { text: "ok {{codigo}}" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "ask_msg" },
      { id: "e2", source: "ask_msg", target: "check" },
      { id: "e3", source: "check", sourceHandle: "spam", target: "spam_end" },
      { id: "e4", source: "check", sourceHandle: "else", target: "ask_code" },
      { id: "e5", source: "ask_code", target: "done" },
    ],
  };
}

test("/simulate answers a catastrophic pattern at once: a case-insensitive matches rule and a question validation", async () => {
  const created = await call(app.url, caller, "POST", "/api/flows", { name: "ReDoS", document: document(EVIL) });
  expect(created.status, created.text).toBe(201);
  const id = created.body.flow.id;

  const res = await call(app.url, caller, "POST", `/api/flows/${id}/simulate`, {
    inputs: [
      { kind: "text", text: "hola" },
      { kind: "text", text: ATTACK.toUpperCase() }, // the `matches` rule (flag i) fails: on to the question
      { kind: "text", text: ATTACK }, // the validation fails: asked again
      { kind: "text", text: "aaaa" },
    ],
  });
  expect(res.status, res.text).toBe(200);
  const [, afterRule, afterBad, afterGood] = res.body.steps;
  expect(afterRule).toMatchObject({ nodeId: "ask_code", status: "waiting" });
  expect(afterRule.outputs).toEqual([{ kind: "text", text: "¿Código?" }]);
  expect(afterBad).toMatchObject({ nodeId: "ask_code", status: "waiting" });
  expect(afterBad.outputs.map((o: { text: string }) => o.text)).toEqual(["Código no válido", "¿Código?"]);
  expect(afterGood).toMatchObject({ status: "ended" });
  expect(afterGood.outputs).toEqual([{ kind: "text", text: "ok aaaa" }]);

  // The case-insensitive rule still matches what it should.
  const hit = await call(app.url, caller, "POST", `/api/flows/${id}/simulate`, {
    inputs: [{ kind: "text", text: "hola" }, { kind: "text", text: "AaAa" }],
  });
  expect(hit.body.steps[1].outputs).toEqual([{ kind: "text", text: "coincide" }]);
});

test("the lint endpoint refuses back-references and look-arounds, naming the step and the field", async () => {
  const backref = await call(app.url, caller, "POST", "/api/flows/lint", { document: document("^(\\d)\\1$"), locale: "en" });
  expect(backref.status, backref.text).toBe(200);
  expect(backref.body.ok).toBe(false);
  const issue = backref.body.errors.find((e: { code: string }) => e.code === "regex_invalid");
  expect(issue).toMatchObject({ nodeId: "ask_code", field: "data.validation.pattern", params: { reason: "backreference", step: "Código" } });
  expect(issue.message).toMatch(/^Step "Código", answer validation: .*references to an earlier group/);

  const ahead = await call(app.url, caller, "POST", "/api/flows/lint", { document: document("^(?=.*\\d).+$"), locale: "es" });
  const lookahead = ahead.body.errors.find((e: { code: string }) => e.code === "regex_invalid");
  expect(lookahead).toMatchObject({ nodeId: "ask_code", params: { reason: "lookaround" } });
  expect(lookahead.message).toContain('Paso "Código", validación de la respuesta');

  // The catastrophic pattern itself is valid: on RE2 it is harmless.
  const fine = await call(app.url, caller, "POST", "/api/flows/lint", { document: document(EVIL) });
  expect(fine.body.errors.filter((e: { code: string }) => e.code === "regex_invalid")).toEqual([]);
});

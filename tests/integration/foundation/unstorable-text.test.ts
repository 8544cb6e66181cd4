import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { signIn } from "../../support/session";
import { call, sampleDocument, session, type Caller } from "../flows/client";

// Issue #20 item 11: PostgreSQL cannot store U+0000 (text or jsonb) nor an unpaired surrogate
// (jsonb), so input holding them is refused with a 400 naming the field — never a 500, never
// silently changed — across the API, in query strings and JSON bodies alike.

let database: TestDatabase;
let app: AppServer;
let admin: Caller;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
  const signedIn = await signIn(app.url, "admin@demo.atendo", "atendo-demo");
  expect(signedIn.ok).toBe(true);
  admin = session(signedIn.cookie, "admin");
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

const NUL = "\u0000";
const LONE = "\ud800";

function expectRefused(res: { status: number; body: any; text: string }, field: string, what: RegExp = /U\+0000/) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code).toBe("bad_request");
  expect(res.body.error.message).toMatch(what);
  expect(res.body.error.message).toContain(field);
}

describe("text PostgreSQL cannot store", () => {
  test("desk search: ?q=%00abc is a 400, while an ordinary search still works", async () => {
    expectRefused(await call(app.url, admin, "GET", "/api/desk/protocols?q=%00abc"), '"q"');
    expect((await call(app.url, admin, "GET", "/api/desk/protocols?q=abc")).status).toBe(200);
    expectRefused(await call(app.url, admin, "GET", "/api/desk/conversations?queue=x%00"), '"queue"');
    expectRefused(await call(app.url, admin, "GET", "/api/desk/audit?action=%00"), '"action"');
  });

  test("the protocol search page with ?q=%00abc shows the page (no server error)", async () => {
    const res = await fetch(`${app.url}/protocols?q=%00abc`, { headers: admin.headers, redirect: "manual" });
    expect(res.status).toBe(200);
  });

  test("query strings of the sandbox and flow import", async () => {
    expectRefused(await call(app.url, admin, "GET", "/api/sandbox/events?phoneNumberId=%00"), '"phoneNumberId"');
    expectRefused(await call(app.url, admin, "GET", "/api/sandbox/conversations?phone=%00"), '"phone"');
    expectRefused(await call(app.url, admin, "POST", "/api/flows/import?name=a%00b", sampleDocument()), '"name"');
  });

  test("JSON bodies: flows, users, tokens, queues, canned responses, templates, sandbox", async () => {
    expectRefused(await call(app.url, admin, "POST", "/api/flows", { name: `Flujo prueba${NUL}` }), '"name"');
    expectRefused(await call(app.url, admin, "POST", "/api/flows", { name: `Flujo prueba ${LONE}` }), '"name"', /surrogate/);
    expectRefused(await call(app.url, admin, "POST", "/api/flows/lint", { document: sampleDocument({ welcome: `Hola${NUL}` }) }), "document.nodes.");
    expectRefused(
      await call(app.url, admin, "POST", "/api/users", { name: `Ana${NUL}`, email: "ana-nul@example.com", role: "agent", password: "long-enough-pw" }),
      '"name"',
    );
    expectRefused(await call(app.url, admin, "POST", "/api/tokens", { name: `ci${NUL}`, role: "editor" }), '"name"');
    expectRefused(await call(app.url, admin, "POST", "/api/desk/queues", { slug: "nul", name: `Cola${NUL}` }), '"name"');
    expectRefused(await call(app.url, admin, "POST", "/api/desk/canned-responses", { shortcut: "nul", text: `Hola${NUL}` }), '"text"');
    const channels = await call(app.url, admin, "GET", "/api/channels");
    const channelId = channels.body.channels[0].id as string;
    expectRefused(
      await call(app.url, admin, "POST", `/api/channels/${channelId}/templates`, { name: "nul", language: "es", category: "UTILITY", body: { text: `Hola ${LONE}` } }),
      '"body.text"',
      /surrogate/,
    );
    expectRefused(
      await call(app.url, admin, "POST", "/api/sandbox/send", { phone: "5511999990000", name: "Cliente", message: { type: "text", text: `hola${NUL}` } }),
      '"message.text"',
    );
    // An object key counts too.
    expectRefused(await call(app.url, admin, "POST", "/api/flows", { name: "ok", [`x${NUL}`]: 1 }), "name");
  });

  test("nothing was stored by the refused requests, and the same requests without the character succeed", async () => {
    const flows = await call(app.url, admin, "GET", "/api/flows");
    expect(JSON.stringify(flows.body)).not.toContain("Flujo prueba");
    expect((await call(app.url, admin, "POST", "/api/flows", { name: "Flujo prueba" })).status).toBe(201);
    expect((await call(app.url, admin, "POST", "/api/desk/canned-responses", { shortcut: "nul", text: "Hola" })).status).toBe(201);
  });
});

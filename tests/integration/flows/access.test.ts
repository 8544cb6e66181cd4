import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels, flows } from "@/lib/db/schema";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { signIn } from "../../support/session";
import { bearer, call, sampleDocument, session, type Caller } from "./client";

let database: TestDatabase;
let app: AppServer;
let demoFlowId: string;
let channelId: string;
const as: Record<string, Caller> = {};
let revokedToken: Caller;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
  for (const role of ["admin", "editor", "agent"]) {
    const result = await signIn(app.url, `${role}@demo.atendo`, "atendo-demo");
    expect(result.ok, role).toBe(true);
    as[`${role} session`] = session(result.cookie, `${role} session`);
  }
  const admin = as["admin session"]!;
  for (const role of ["admin", "editor"]) {
    const created = await call(app.url, admin, "POST", "/api/tokens", { name: `${role} token`, role });
    as[`${role} token`] = bearer(created.body.token.token, `${role} token`);
  }
  const doomed = await call(app.url, admin, "POST", "/api/tokens", { name: "revoked", role: "admin" });
  expect((await call(app.url, admin, "DELETE", `/api/tokens/${doomed.body.token.id}`)).status).toBe(204);
  revokedToken = bearer(doomed.body.token.token, "revoked token");
  const [channel] = await database.db.select().from(channels).where(eq(channels.isDefault, true));
  channelId = channel!.id;
  demoFlowId = channel!.flowId!;
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

/** One request per flows/channels route; each returns the status it got. */
function requests(): [string, (c: Caller) => Promise<number>][] {
  const go = async (c: Caller, method: string, path: string, body?: unknown) => (await call(app.url, c, method, path, body)).status;
  return [
    ["GET /api/flows", (c) => go(c, "GET", "/api/flows")],
    ["POST /api/flows", (c) => go(c, "POST", "/api/flows", { name: `Matriz ${c.label}` })],
    ["GET /api/flows/{id}", (c) => go(c, "GET", `/api/flows/${demoFlowId}`)],
    ["PATCH /api/flows/{id}", (c) => go(c, "PATCH", `/api/flows/${demoFlowId}`, { name: "Menú principal" })],
    ["GET /api/flows/{id}/versions", (c) => go(c, "GET", `/api/flows/${demoFlowId}/versions`)],
    ["GET /api/flows/{id}/versions/1", (c) => go(c, "GET", `/api/flows/${demoFlowId}/versions/1`)],
    ["GET /api/flows/{id}/diff", (c) => go(c, "GET", `/api/flows/${demoFlowId}/diff?from=1&to=draft`)],
    ["GET /api/flows/{id}/export", (c) => go(c, "GET", `/api/flows/${demoFlowId}/export`)],
    ["POST /api/flows/{id}/simulate", (c) => go(c, "POST", `/api/flows/${demoFlowId}/simulate`, { inputs: [{ kind: "text", text: "hola" }] })],
    ["POST /api/flows/{id}/rollback", (c) => go(c, "POST", `/api/flows/${demoFlowId}/rollback`, { version: 1 })],
    ["POST /api/flows/lint", (c) => go(c, "POST", "/api/flows/lint", { document: sampleDocument() })],
    ["POST /api/flows/import", (c) => go(c, "POST", "/api/flows/import", { name: `Importado ${c.label}`, document: sampleDocument() })],
    ["GET /api/channels", (c) => go(c, "GET", "/api/channels")],
    ["PUT /api/channels/{id} {flowId}", (c) => go(c, "PUT", `/api/channels/${channelId}`, { flowId: demoFlowId })],
  ];
}

describe("role matrix", () => {
  test.each(["admin session", "admin token", "editor session", "editor token"])("%s may use every flows route", async (who) => {
    for (const [route, run] of requests()) {
      const status = await run(as[who]!);
      expect([200, 201], `${who}: ${route}`).toContain(status);
    }
  });

  test("an agent gets 403 on every flows and channels route", async () => {
    for (const [route, run] of requests()) expect(await run(as["agent session"]!), route).toBe(403);
    const flowsAfter = await database.db.select().from(flows);
    expect(flowsAfter.some((f) => f.name.includes("agent"))).toBe(false);
  });

  test("a revoked token gets 401, and so does nobody at all", async () => {
    for (const [route, run] of requests()) {
      expect(await run(revokedToken), route).toBe(401);
      expect(await run({ label: "anonymous", headers: {} }), route).toBe(401);
    }
  });

  test("queues: agents, editors and admins can list them for pickers", async () => {
    for (const who of ["agent session", "editor token", "admin session"]) {
      const res = await call(app.url, as[who]!, "GET", "/api/queues");
      expect(res.status, who).toBe(200);
      expect(res.body.queues.map((q: { slug: string }) => q.slug).sort()).toEqual(["soporte", "ventas"]);
      expect(Object.keys(res.body.queues[0]).sort()).toEqual(["id", "isDefault", "name", "slug"]);
    }
  });
});

describe("channels", () => {
  test("the list never carries secrets, and shows where Meta should send webhooks", async () => {
    const res = await call(app.url, as["editor token"]!, "GET", "/api/channels");
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/verifyToken|appSecret|accessToken|_enc/i);
    expect(res.body.webhookUrl).toBe(`${app.url}/api/webhooks/whatsapp`);
    expect(res.body.channels[0]).toMatchObject({ phoneNumberId: "100000000000001", sandbox: true, flow: { id: demoFlowId, name: "Menú principal" } });
  });

  test("binding needs a published flow", async () => {
    const draftOnly = await call(app.url, as["editor session"]!, "POST", "/api/flows", { name: "Sin publicar" });
    const res = await call(app.url, as["editor session"]!, "PUT", `/api/channels/${channelId}`, { flowId: draftOnly.body.flow.id });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/Publish the flow/);
    const unknown = await call(app.url, as["editor session"]!, "PUT", `/api/channels/${channelId}`, { flowId: "7d0c3a49-8a09-4f8e-9d6c-0b8f7a7c1e21" });
    expect(unknown.status).toBe(422);
    const [channel] = await database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(channel!.flowId).toBe(demoFlowId);
  });

  test("editors bind flows but cannot change credentials; admins can, and blank secrets keep their value", async () => {
    const editor = await call(app.url, as["editor token"]!, "PUT", `/api/channels/${channelId}`, { accessToken: "EAAG-new" });
    expect(editor.status).toBe(403);
    const [before] = await database.db.select().from(channels).where(eq(channels.id, channelId));

    const rename = await call(app.url, as["admin session"]!, "PUT", `/api/channels/${channelId}`, {
      name: "Sandbox de pruebas",
      displayNumber: "+55 11 4000-0000",
      sendRatePerSecond: 20,
      verifyToken: "",
      appSecret: "   ",
    });
    expect(rename.status, rename.text).toBe(200);
    expect(rename.body.channel).toMatchObject({ name: "Sandbox de pruebas", displayNumber: "+55 11 4000-0000", sendRatePerSecond: 20 });
    expect(rename.text).not.toMatch(/verifyToken|appSecret|accessToken/);
    const [afterRename] = await database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(afterRename!.verifyTokenEnc).toBe(before!.verifyTokenEnc);
    expect(afterRename!.appSecretEnc).toBe(before!.appSecretEnc);

    const secret = await call(app.url, as["admin token"]!, "PUT", `/api/channels/${channelId}`, { verifyToken: "nuevo-token-de-verificacion" });
    expect(secret.status).toBe(200);
    const [afterSecret] = await database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(afterSecret!.verifyTokenEnc).not.toBe(before!.verifyTokenEnc);
    expect(afterSecret!.verifyTokenEnc).not.toContain("nuevo-token");
    expect(afterSecret!.accessTokenEnc).toBe(before!.accessTokenEnc);

    // A real number needs Meta's access token, not the sandbox's.
    const live = await call(app.url, as["admin session"]!, "PUT", `/api/channels/${channelId}`, { sandbox: false });
    expect(live.status).toBe(422);
    const bad = await call(app.url, as["admin session"]!, "PUT", `/api/channels/${channelId}`, { phoneNumberId: "abc", sendRatePerSecond: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["phoneNumberId", "sendRatePerSecond"]);
  });
});

test("the schema is public; the flows list is not", async () => {
  expect((await fetch(`${app.url}/api/flows/schema`)).status).toBe(200);
  expect((await fetch(`${app.url}/api/flows`)).status).toBe(401);
});

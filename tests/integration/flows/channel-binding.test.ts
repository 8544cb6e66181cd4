import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, channels } from "@/lib/db/schema";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { signIn } from "../../support/session";
import { call, sampleDocument, session, type Caller } from "./client";

/** An editor puts a flow live from the editor: which numbers answer with it, and binding it (no credentials). */
let database: TestDatabase;
let app: AppServer;
const as: Record<"admin" | "editor" | "agent", Caller> = {} as never;
let channelId: string;
let demoFlowId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
  for (const role of ["admin", "editor", "agent"] as const) {
    const result = await signIn(app.url, `${role}@demo.atendo`, "atendo-demo");
    expect(result.ok, role).toBe(true);
    as[role] = session(result.cookie, role);
  }
  const [channel] = await database.db.select().from(channels).where(eq(channels.isDefault, true));
  channelId = channel!.id;
  demoFlowId = channel!.flowId!;
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

async function newFlow(name: string, publish: boolean): Promise<string> {
  const created = await call(app.url, as.editor, "POST", "/api/flows", { name, document: sampleDocument() });
  expect(created.status, created.text).toBe(201);
  const id = created.body.flow.id as string;
  if (publish) expect((await call(app.url, as.editor, "POST", `/api/flows/${id}/publish`, {})).status).toBe(201);
  return id;
}

describe("GET/PUT /api/flows/[id]/channels", () => {
  test("an editor sees every number and the flow it answers with, and nothing secret", async () => {
    const res = await call(app.url, as.editor, "GET", `/api/flows/${demoFlowId}/channels`);
    expect(res.status).toBe(200);
    const mine = res.body.channels.find((c: { id: string }) => c.id === channelId);
    expect(mine).toMatchObject({ id: channelId, flow: { id: demoFlowId } });
    expect(Object.keys(mine).sort()).toEqual(["displayNumber", "flow", "id", "name", "sandbox"]);
    expect(res.text).not.toMatch(/token|secret|Enc"/i);
  });

  test("an editor binds a published flow to a number, and takes it back off", async () => {
    const flowId = await newFlow("Promo de verano", true);
    const bound = await call(app.url, as.editor, "PUT", `/api/flows/${flowId}/channels`, { channelIds: [channelId] });
    expect(bound.status, bound.text).toBe(200);
    expect(bound.body.channels.find((c: { id: string }) => c.id === channelId).flow).toEqual({ id: flowId, name: "Promo de verano" });
    const [row] = await database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(row!.flowId).toBe(flowId);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, channelId));
    expect(audit.some((a) => a.action === "channel.bind")).toBe(true);
    // The flow summary (the editor's header) lists the number.
    const summary = await call(app.url, as.editor, "GET", `/api/flows/${flowId}`);
    expect(summary.body.flow.channels.map((c: { id: string }) => c.id)).toEqual([channelId]);

    // An empty list: no number answers with it any more.
    const released = await call(app.url, as.editor, "PUT", `/api/flows/${flowId}/channels`, { channelIds: [] });
    expect(released.status).toBe(200);
    const [after] = await database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(after!.flowId).toBeNull();
    // Back as it was for the other tests.
    expect((await call(app.url, as.editor, "PUT", `/api/flows/${demoFlowId}/channels`, { channelIds: [channelId] })).status).toBe(200);
  });

  test("an unpublished flow can't answer: 422 with the reason, nothing changed", async () => {
    const flowId = await newFlow("Borrador", false);
    const res = await call(app.url, as.editor, "PUT", `/api/flows/${flowId}/channels`, { channelIds: [channelId] });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/Publish the flow/);
    const [row] = await database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(row!.flowId).toBe(demoFlowId);
  });

  test("bad input is a 4xx with a reason: unknown number, not a list, extra fields", async () => {
    const unknown = await call(app.url, as.editor, "PUT", `/api/flows/${demoFlowId}/channels`, { channelIds: ["6f1c1b8e-8d7e-4a43-9d0a-2b8f3e0c9a11"] });
    expect(unknown.status).toBe(422);
    expect((await call(app.url, as.editor, "PUT", `/api/flows/${demoFlowId}/channels`, { channelIds: "all" })).status).toBe(422);
    expect((await call(app.url, as.editor, "PUT", `/api/flows/${demoFlowId}/channels`, { channelIds: [], accessToken: "x" })).status).toBe(422);
  });

  test("agents may neither look nor bind", async () => {
    expect((await call(app.url, as.agent, "GET", `/api/flows/${demoFlowId}/channels`)).status).toBe(403);
    expect((await call(app.url, as.agent, "PUT", `/api/flows/${demoFlowId}/channels`, { channelIds: [] })).status).toBe(403);
    const [row] = await database.db.select().from(channels).where(eq(channels.id, channelId));
    expect(row!.flowId).toBe(demoFlowId);
  });
});

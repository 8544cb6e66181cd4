import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, channels, flows, flowVersions } from "@/lib/db/schema";
import { flowDocumentSchema } from "@/lib/flow/schema";
import { flowChecksum } from "@/lib/flows/checksum";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { signIn } from "../../support/session";
import { bearer, call, sampleDocument, session, type Caller } from "./client";

let database: TestDatabase;
let app: AppServer;
const callers: Caller[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
  const admin = await signIn(app.url, "admin@demo.atendo", "atendo-demo");
  const editor = await signIn(app.url, "editor@demo.atendo", "atendo-demo");
  expect(admin.ok && editor.ok).toBe(true);
  const created = await call(app.url, session(admin.cookie), "POST", "/api/tokens", { name: "CI", role: "editor" });
  expect(created.status).toBe(201);
  callers.push(bearer(created.body.token.token, "editor API token"), session(editor.cookie, "editor session"));
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

const api = (caller: Caller, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(app.url, caller, method, path, body, headers);

describe.each([0, 1])("flow lifecycle (caller %i)", (index) => {
  let caller: Caller;
  let flowId: string;
  const name = `Ventas ${index}`;
  // A token acts for the admin who created it, so what it does is attributable to a person.
  const author = index === 0 ? "Ana Admin" : "Eduardo Editor";

  beforeAll(() => {
    caller = callers[index]!;
  });

  test("create a blank flow: one start node, revision 1, nothing published", async () => {
    const res = await api(caller, "POST", "/api/flows", { name });
    expect(res.status, res.text).toBe(201);
    flowId = res.body.flow.id;
    expect(res.body.flow).toMatchObject({ name, draftRevision: 1, activeVersion: null, hasUnpublishedChanges: true, channels: [] });
    expect(res.body.flow.draft.nodes).toEqual([expect.objectContaining({ id: "start", type: "start" })]);
    const list = await api(caller, "GET", "/api/flows");
    expect(list.body.flows.map((f: { name: string }) => f.name)).toContain(name);
  });

  test("a save with a stale revision is refused with 409 and loses nothing", async () => {
    const first = await api(caller, "PUT", `/api/flows/${flowId}`, { document: sampleDocument({ welcome: "Primera" }), revision: 1 });
    expect(first.status, first.text).toBe(200);
    expect(first.body.revision).toBe(2);
    const second = await api(caller, "PUT", `/api/flows/${flowId}`, { document: sampleDocument({ welcome: "Segunda" }), revision: 1 });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: "conflict", details: { currentRevision: 2 } });
    const current = await api(caller, "GET", `/api/flows/${flowId}`);
    expect(current.body.flow.draftRevision).toBe(2);
    expect(current.body.flow.draft.nodes.find((n: { id: string }) => n.id === "menu").data.text).toBe("Primera");
  });

  test("two saves racing on one revision: exactly one wins", async () => {
    const results = await Promise.all(
      ["A", "B"].map((welcome) => api(caller, "PUT", `/api/flows/${flowId}`, { document: sampleDocument({ welcome }), revision: 2 })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const winnerText = results.indexOf(winner) === 0 ? "A" : "B";
    const current = await api(caller, "GET", `/api/flows/${flowId}`);
    expect(current.body.flow.draftRevision).toBe(3);
    expect(current.body.flow.draft.nodes.find((n: { id: string }) => n.id === "menu").data.text).toBe(winnerText);
  });

  test("an invalid document is a 422 with every issue, and the draft is untouched", async () => {
    const bad = sampleDocument();
    (bad.nodes[1] as { type: string }).type = "carousel";
    (bad.nodes[2] as { position: unknown }).position = "left";
    const res = await api(caller, "PUT", `/api/flows/${flowId}`, { document: bad, revision: 3 });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["document.nodes.1.type", "document.nodes.2.position"]));
    for (const issue of res.body.error.details.issues) expect(issue.message).toEqual(expect.any(String));
    expect((await api(caller, "GET", `/api/flows/${flowId}`)).body.flow.draftRevision).toBe(3);
  });

  test("publish with lint errors: 422 with the report, no version", async () => {
    const save = await api(caller, "PUT", `/api/flows/${flowId}`, { document: sampleDocument({ buttonTitle: "Un título muy largo!!" }), revision: 3 });
    expect(save.status).toBe(200);
    const res = await api(caller, "POST", `/api/flows/${flowId}/publish`, { note: "no debería" }, { "accept-language": "en" });
    expect(res.status).toBe(422);
    expect(res.body.error.details.lint.errors).toEqual([
      expect.objectContaining({ code: "button_title_too_long", nodeId: "menu", field: "data.buttons.0.title", message: expect.stringContaining("20") }),
    ]);
    expect((await api(caller, "GET", `/api/flows/${flowId}/versions`)).body.versions).toEqual([]);
  });

  test("publish v1 and v2: immutable numbered versions with checksum, author, note and node count", async () => {
    const v1Doc = sampleDocument({ welcome: "Bienvenida v1" });
    expect((await api(caller, "PUT", `/api/flows/${flowId}`, { document: v1Doc, revision: 4 })).status).toBe(200);
    const v1 = await api(caller, "POST", `/api/flows/${flowId}/publish`, { note: "Primera versión" });
    expect(v1.status, v1.text).toBe(201);
    expect(v1.body.version).toMatchObject({ number: 1, note: "Primera versión", nodeCount: 4, active: true, author: { name: author } });
    expect(v1.body.version.checksum).toBe(flowChecksum(flowDocumentSchema.parse(v1Doc)));

    const v2Doc = sampleDocument({ welcome: "Bienvenida v2" });
    expect((await api(caller, "PUT", `/api/flows/${flowId}`, { document: v2Doc, revision: 5 })).status).toBe(200);
    const v2 = await api(caller, "POST", `/api/flows/${flowId}/publish`, {});
    expect(v2.status).toBe(201);
    expect(v2.body.version).toMatchObject({ number: 2, note: null, active: true });

    const versions = await api(caller, "GET", `/api/flows/${flowId}/versions`);
    expect(versions.body.versions.map((v: { number: number; active: boolean }) => [v.number, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    const one = await api(caller, "GET", `/api/flows/${flowId}/versions/1`);
    expect(one.body.version.document.nodes[1].data.text).toBe("Bienvenida v1");
    expect(flowChecksum(one.body.version.document)).toBe(one.body.version.checksum);
    expect((await api(caller, "GET", `/api/flows/${flowId}/versions/9`)).status).toBe(404);

    const summary = (await api(caller, "GET", "/api/flows")).body.flows.find((f: { id: string }) => f.id === flowId);
    expect(summary).toMatchObject({ activeVersion: { number: 2 }, versionCount: 2, hasUnpublishedChanges: false, lastPublishedAt: expect.any(String) });

    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, flowId), eq(auditLog.action, "flow.publish")));
    expect(audit).toHaveLength(2);
  });

  test("diff between versions and against the draft", async () => {
    const res = await api(caller, "GET", `/api/flows/${flowId}/diff?from=1&to=2`);
    expect(res.status).toBe(200);
    expect(res.body.hasContentChanges).toBe(true);
    expect(res.body.diff.nodes.changed).toEqual([
      expect.objectContaining({ id: "menu", fields: [{ path: "data.text", before: "Bienvenida v1", after: "Bienvenida v2" }] }),
    ]);
    const same = await api(caller, "GET", `/api/flows/${flowId}/diff?from=active&to=draft`);
    expect(same.body).toMatchObject({ from: { kind: "version", number: 2 }, to: { kind: "draft" }, hasContentChanges: false });

    const edited = sampleDocument({ welcome: "Bienvenida v2" });
    edited.nodes.push({ id: "extra", type: "message", position: { x: 0, y: 400 }, data: { text: "Nuevo" } } as never);
    expect((await api(caller, "PUT", `/api/flows/${flowId}`, { document: edited, revision: 6 })).status).toBe(200);
    const draft = await api(caller, "GET", `/api/flows/${flowId}/diff?from=2&to=draft`);
    expect(draft.body.diff.nodes.added.map((n: { id: string }) => n.id)).toEqual(["extra"]);
    const summary = (await api(caller, "GET", `/api/flows/${flowId}`)).body.flow;
    expect(summary.hasUnpublishedChanges).toBe(true);
    expect((await api(caller, "GET", `/api/flows/${flowId}/diff?from=abc`)).status).toBe(422);
  });

  test("rollback points the flow at v1 without creating a version, and is audited", async () => {
    const res = await api(caller, "POST", `/api/flows/${flowId}/rollback`, { version: 1 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.activeVersion).toMatchObject({ number: 1, active: true });
    const versions = (await api(caller, "GET", `/api/flows/${flowId}/versions`)).body.versions;
    expect(versions).toHaveLength(2);
    expect(versions.find((v: { active: boolean }) => v.active).number).toBe(1);
    const [row] = await database.db.select().from(flows).where(eq(flows.id, flowId));
    const [active] = await database.db.select().from(flowVersions).where(eq(flowVersions.id, row!.activeVersionId!));
    expect(active!.number).toBe(1);
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, flowId), eq(auditLog.action, "flow.rollback")));
    expect(audit[0]!.details).toEqual({ from: 2, to: 1 });
    expect((await api(caller, "POST", `/api/flows/${flowId}/rollback`, { version: 7 })).status).toBe(404);
  });

  test("restore copies a version into the draft and bumps the revision", async () => {
    const stale = await api(caller, "POST", `/api/flows/${flowId}/restore`, { version: 1, revision: 2 });
    expect(stale.status).toBe(409);
    const res = await api(caller, "POST", `/api/flows/${flowId}/restore`, { version: 1, revision: 7 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.revision).toBe(8);
    const flow = (await api(caller, "GET", `/api/flows/${flowId}`)).body.flow;
    expect(flow.draft.nodes.map((n: { id: string }) => n.id)).not.toContain("extra");
    expect(flow.draft.nodes[1].data.text).toBe("Bienvenida v1");
    expect(flow.hasUnpublishedChanges).toBe(false); // the draft is the active v1 again
    expect(flow.activeVersion.number).toBe(1);
  });

  test("export is a download that imports back to the same document", async () => {
    const res = await api(caller, "GET", `/api/flows/${flowId}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`filename="${name}.atendo-flow.json"`);
    expect(Object.keys(res.body)).toEqual(["name", "document"]);
    expect(res.body.name).toBe(name);
    const draft = (await api(caller, "GET", `/api/flows/${flowId}`)).body.flow.draft;
    expect(res.body.document).toEqual(draft);

    const v2 = await api(caller, "GET", `/api/flows/${flowId}/export?version=2`);
    expect(v2.body.document.nodes[1].data.text).toBe("Bienvenida v2");

    const imported = await api(caller, "POST", "/api/flows/import", { ...res.body, name: `${name} importado` });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.flow).toMatchObject({ name: `${name} importado`, draftRevision: 1, activeVersion: null });
    expect(imported.body.flow.draft).toEqual(draft);
    expect(imported.body.lint).toEqual({ errors: [], warnings: [] });

    const form = new FormData();
    form.set("file", new Blob([res.text], { type: "application/json" }), `${name}.atendo-flow.json`);
    const uploaded = await api(caller, "POST", "/api/flows/import", form);
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.body.flow.name).toBe(name);
    expect(uploaded.body.flow.draft).toEqual(draft);
  });

  test("a bad import is a 422 listing the issues, and stores nothing", async () => {
    const before = (await api(caller, "GET", "/api/flows")).body.flows.length;
    const bad = sampleDocument();
    (bad.nodes[1]!.data as { buttons: unknown }).buttons = "not a list";
    delete (bad.edges[0] as { target?: string }).target;
    const res = await api(caller, "POST", "/api/flows/import", { name: "Roto", document: bad });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["document.nodes.1.data.buttons", "document.edges.0.target"]),
    );

    const future = await api(caller, "POST", "/api/flows/import", { name: "Futuro", document: { ...sampleDocument(), schemaVersion: 2 } });
    expect(future.status).toBe(422);
    expect(future.body.error.message).toMatch(/schemaVersion 2.*version 1/);

    const form = new FormData();
    form.set("file", new Blob(["{ this is not json"]), "menu.atendo-flow.json");
    const notJson = await api(caller, "POST", "/api/flows/import", form);
    expect(notJson.status).toBe(422);
    expect(notJson.body.error.message).toMatch(/not valid JSON/);

    const notAFlow = await api(caller, "POST", "/api/flows/import", { hello: "world" });
    expect(notAFlow.status).toBe(422);

    expect((await api(caller, "GET", "/api/flows")).body.flows.length).toBe(before);
  });

  test("duplicate copies the draft into a new unpublished flow", async () => {
    const res = await api(caller, "POST", `/api/flows/${flowId}/duplicate`, {});
    expect(res.status, res.text).toBe(201);
    expect(res.body.flow).toMatchObject({ name: `${name} (copia)`, activeVersion: null, versionCount: 0 });
    const original = (await api(caller, "GET", `/api/flows/${flowId}`)).body.flow;
    expect(res.body.flow.draft).toEqual(original.draft);
    const named = await api(caller, "POST", `/api/flows/${flowId}/duplicate`, { name: "Otra copia" }, { "accept-language": "en" });
    expect(named.body.flow.name).toBe("Otra copia");
  });

  test("simulate the draft: outputs, WhatsApp bodies, the node reached, variables and effects", async () => {
    const res = await api(caller, "POST", `/api/flows/${flowId}/simulate`, {
      inputs: [{ kind: "text", text: "hola" }, { kind: "reply", id: "human" }],
      contact: { name: "Lucía", phone: "5491122334455" },
    });
    expect(res.status, res.text).toBe(200);
    const [opening, reply] = res.body.steps;
    expect(opening).toMatchObject({ newConversation: true, nodeId: "menu", status: "waiting" });
    expect(opening.whatsapp[0]).toMatchObject({
      messaging_product: "whatsapp",
      to: "5491122334455",
      type: "interactive",
      interactive: { type: "button", body: { text: "Bienvenida v1" } },
    });
    expect(reply).toMatchObject({ nodeId: "handoff", status: "handoff", effects: [{ type: "handoff", queue: "soporte" }] });
    expect(reply.outputs[0].text).toMatch(/^Te atiende una persona\. Protocolo \d{8}-\d{6}\.$/);
    expect(res.body.state).toMatchObject({ nodeId: "handoff", status: "handoff" });

    // Typed text matches a button by its title, ignoring case and accents; "end" then a new message restarts.
    const typed = await api(caller, "POST", `/api/flows/${flowId}/simulate`, {
      version: 1,
      inputs: [{ kind: "text", text: "hola" }, { kind: "text", text: "NADA MAS" }, { kind: "text", text: "otra vez" }],
    });
    expect(typed.body.source).toEqual({ kind: "version", number: 1, active: true });
    expect(typed.body.steps.map((s: { status: string; newConversation: boolean }) => [s.status, s.newConversation])).toEqual([
      ["waiting", true],
      ["ended", false],
      ["waiting", true],
    ]);
    expect((await api(caller, "POST", `/api/flows/${flowId}/simulate`, { inputs: [{ kind: "voice" }] })).status).toBe(422);
  });

  test("a flow bound to a channel cannot be deleted; unbound, it can", async () => {
    const [sandbox] = await database.db.select().from(channels).where(eq(channels.isDefault, true));
    const demoFlowId = sandbox!.flowId;
    const bind = await api(caller, "PUT", `/api/channels/${sandbox!.id}`, { flowId });
    expect(bind.status, bind.text).toBe(200);
    expect(bind.body.channel.flow).toMatchObject({ id: flowId, activeVersionNumber: 1 });
    expect((await api(caller, "GET", `/api/flows/${flowId}`)).body.flow.channels).toEqual([expect.objectContaining({ id: sandbox!.id })]);

    const refused = await api(caller, "DELETE", `/api/flows/${flowId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.channels).toEqual([expect.objectContaining({ id: sandbox!.id })]);
    expect((await api(caller, "GET", `/api/flows/${flowId}`)).status).toBe(200);

    expect((await api(caller, "PUT", `/api/channels/${sandbox!.id}`, { flowId: demoFlowId })).status).toBe(200);
    expect((await api(caller, "DELETE", `/api/flows/${flowId}`)).status).toBe(204);
    expect((await api(caller, "GET", `/api/flows/${flowId}`)).status).toBe(404);
    expect(await database.db.select().from(flowVersions).where(eq(flowVersions.flowId, flowId))).toEqual([]);
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, flowId), eq(auditLog.action, "flow.delete")));
    expect(audit).toHaveLength(1);
  });
});

test("concurrent publishes of one flow get distinct, consecutive version numbers", async () => {
  const caller = callers[0]!;
  const created = await api(caller, "POST", "/api/flows", { name: "Concurrente", document: sampleDocument() });
  const id = created.body.flow.id;
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) => api(caller, "POST", `/api/flows/${id}/publish`, { note: `p${i}` })));
  expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
  expect(results.map((r) => r.body.version.number).sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  const versions = (await api(caller, "GET", `/api/flows/${id}/versions`)).body.versions;
  expect(versions.filter((v: { active: boolean }) => v.active).map((v: { number: number }) => v.number)).toEqual([6]);

  // For CI: publishing an unchanged draft can answer the active version instead of adding one.
  const again = await api(caller, "POST", `/api/flows/${id}/publish`, { skipIfUnchanged: true });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ unchanged: true, version: { number: 6 } });
});

test("lint endpoint and JSON Schema", async () => {
  const caller = callers[1]!;
  const lint = await api(caller, "POST", "/api/flows/lint", { document: sampleDocument({ queue: "inexistente" }), locale: "pt" });
  expect(lint.status).toBe(200);
  expect(lint.body.ok).toBe(false);
  expect(lint.body.errors).toEqual([expect.objectContaining({ code: "handoff_queue_unknown", nodeId: "handoff" })]);
  const schema = await fetch(`${app.url}/api/flows/schema`);
  expect(schema.status).toBe(200);
  const json = await schema.json();
  expect(json.properties).toHaveProperty("schemaVersion");
  expect(json.properties).toHaveProperty("nodes");
});

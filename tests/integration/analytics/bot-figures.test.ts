import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels, conversations, flows, flowVersions, inbox, workspace } from "@/lib/db/schema";
import { type FlowDocument, flowDocumentSchema } from "@/lib/flow/schema";
import { browserHeaders, signIn } from "../../support/session";
import { buttonReply, messageEnvelope, textMessage } from "../../support/webhook";
import { conversationsOf, customerPhone, eventually, outboxOf, startHarness, type Harness } from "../runtime/harness";
import { ALWAYS_OPEN } from "../../support/business-hours";

// Known traffic through the real webhook path (signed webhooks, the runtime, the fake Graph
// API), then every figure of the bot analytics and the canvas overlay asserted exactly.


/** start → menu (buttons): info → info → bye (end); humano → human (handoff). Keywords: menu (restart), agente (handoff), salir (end). */
function analyticsFlow(menuText: string): FlowDocument {
  return flowDocumentSchema.parse({
    schemaVersion: 1,
    settings: {
      sessionTimeoutMinutes: 30,
      invalidInputMessage: "No entendí.",
      maxInvalidAttempts: 3,
      globalKeywords: [
        { keywords: ["menu"], action: "restart" },
        { keywords: ["agente"], action: "handoff", queue: "soporte" },
        { keywords: ["salir"], action: "end", text: "Chau" },
      ],
    },
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      { id: "menu", type: "buttons", position: { x: 0, y: 120 }, data: { text: menuText, buttons: [{ id: "info", title: "Info" }, { id: "humano", title: "Humano" }] } },
      { id: "info", type: "message", position: { x: -200, y: 240 }, data: { text: "Abrimos de 9 a 18." } },
      { id: "bye", type: "end", position: { x: -200, y: 360 }, data: { text: "¡Gracias!" } },
      { id: "human", type: "handoff", position: { x: 200, y: 240 }, data: { queue: "soporte", text: "Te atiende una persona. Protocolo {{protocol}}." } },
    ],
    edges: [
      { id: "e-start", source: "start", target: "menu" },
      { id: "e-info", source: "menu", sourceHandle: "info", target: "info" },
      { id: "e-bye", source: "info", target: "bye" },
      { id: "e-human", source: "menu", sourceHandle: "humano", target: "human" },
    ],
  });
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let h: Harness;
let editor = "";
let admin = "";
let flowId = "";
let channelId = "";
const versionIds: Record<number, string> = {};

async function get(path: string, cookie = editor, headers: Record<string, string> = {}): Promise<{ status: number; json: Json; text: string; type: string }> {
  const res = await fetch(`${h.app.url}${path}`, { headers: { ...browserHeaders(h.app.url, cookie), ...headers } });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: res.status, json, text, type: res.headers.get("content-type") ?? "" };
}

async function publish(number: number, document: FlowDocument): Promise<string> {
  const db = h.database.db;
  const [version] = await db
    .insert(flowVersions)
    .values({ flowId, number, document, checksum: createHash("sha256").update(JSON.stringify(document)).digest("hex"), note: `v${number}` })
    .returning();
  await db.update(flows).set({ activeVersionId: version!.id }).where(eq(flows.id, flowId));
  versionIds[number] = version!.id;
  return version!.id;
}

async function settled(waId: string) {
  await eventually(async () => {
    const [pending] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(inbox).where(sql`${inbox.contactWaId} = ${waId} and ${inbox.status} = 'pending'`);
    const rows = await outboxOf(h, waId);
    return pending!.n === 0 && rows.every((r) => r.status !== "pending");
  }, 60_000, `contact ${waId} settled`);
}

async function say(waId: string, text: string) {
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(waId, text), "Cliente"))).status).toBe(200);
  await settled(waId);
}
async function tap(waId: string, id: string, title: string) {
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, buttonReply(waId, id, title), "Cliente"))).status).toBe(200);
  await settled(waId);
}

beforeAll(async () => {
  h = await startHarness({ env: { RUNTIME_SETTINGS_CACHE_MS: "100" } });
  const db = h.database.db;
  await db.update(workspace).set({ businessHours: ALWAYS_OPEN });
  const [flow] = await db.insert(flows).values({ name: "Analytics flow", draft: analyticsFlow("¿Qué necesitas?") }).returning();
  flowId = flow!.id;
  const [channel] = await db.update(channels).set({ flowId }).where(eq(channels.phoneNumberId, h.channel.phoneNumberId)).returning();
  channelId = channel!.id;
  await publish(1, analyticsFlow("¿Qué necesitas?"));
  const e = await signIn(h.app.url, "editor@demo.atendo", "atendo-demo");
  const a = await signIn(h.app.url, "admin@demo.atendo", "atendo-demo");
  expect(e.ok && a.ok).toBe(true);
  editor = e.cookie;
  admin = a.cookie;
});

afterAll(async () => {
  await h?.stop();
});

describe("bot analytics from real traffic", () => {
  const c = { contained: customerPhone(), invalid: customerPhone(), idle: customerPhone(), restart: customerPhone(), pinned: customerPhone(), v2: customerPhone(), rolled: customerPhone() };

  test("traffic: endings, handoffs, a timeout, invalid answers, keywords, version pinning and a rollback", async () => {
    const db = h.database.db;
    // Contained at the end node.
    await say(c.contained, "hola");
    await tap(c.contained, "info", "Info");
    // An invalid answer, then the handoff node.
    await say(c.invalid, "hola");
    await say(c.invalid, "cualquier cosa");
    await tap(c.invalid, "humano", "Humano");
    // Idle at the menu past the session timeout: abandoned; the next message opens a new
    // conversation, which the "agente" keyword hands off from the menu.
    await say(c.idle, "hola");
    await db.execute(sql`update conversations c set last_activity_at = now() - interval '31 minutes'
      from contacts k where k.id = c.contact_id and k.wa_id = ${c.idle} and c.status = 'bot'`);
    await say(c.idle, "hola");
    await say(c.idle, "agente");
    // A restart keyword (the path goes back to the start), then the "salir" keyword ends it.
    await say(c.restart, "hola");
    await say(c.restart, "menu");
    await say(c.restart, "salir");
    // Pinned to version 1 across the publication of version 2.
    await say(c.pinned, "hola");
    await publish(2, analyticsFlow("Versión 2: ¿qué necesitas?"));
    await tap(c.pinned, "humano", "Humano");
    await say(c.v2, "hola");
    await tap(c.v2, "info", "Info");
    // Rollback to version 1: new conversations take it again.
    await db.update(flows).set({ activeVersionId: versionIds[1] }).where(eq(flows.id, flowId));
    await say(c.rolled, "hola");
    await tap(c.rolled, "info", "Info");

    const idle = await conversationsOf(h, c.idle);
    expect(idle.map((x) => x.closedReason ?? x.status)).toEqual(["timeout", "queued"]);
    expect((await conversationsOf(h, c.pinned))[0]!.flowVersionId).toBe(versionIds[1]);
    expect((await conversationsOf(h, c.v2))[0]!.flowVersionId).toBe(versionIds[2]);
    expect((await conversationsOf(h, c.rolled))[0]!.flowVersionId).toBe(versionIds[1]);
  });

  test("an agent resolving a handed-off conversation does not change its bot outcome", async () => {
    const [queued] = await conversationsOf(h, c.invalid);
    await h.database.db.update(conversations).set({ status: "closed", closedReason: "resolved", closedAt: new Date() }).where(eq(conversations.id, queued!.id));
    const [row] = await h.database.db.select({ outcome: conversations.botOutcome, node: conversations.botOutcomeNode }).from(conversations).where(eq(conversations.id, queued!.id));
    expect(row).toEqual({ outcome: "handoff", node: "human" });
  });

  test("GET /api/analytics/bot: every figure, per version side by side", async () => {
    const res = await get(`/api/analytics/bot?flowId=${flowId}`);
    expect(res.status).toBe(200);
    const f = res.json;
    expect(f.flow).toEqual({ id: flowId, name: "Analytics flow" });
    // v1: contained, invalid→handoff, idle (abandoned), idle again (keyword handoff), restart→salir (contained), pinned (handoff), rolled (contained).
    expect(f.totals).toMatchObject({ started: 8, contained: 4, handedOff: 3, abandoned: 1, inBot: 0, containmentRate: 0.5 });
    const [v1, v2] = [f.versions.find((v: Json) => v.number === 1), f.versions.find((v: Json) => v.number === 2)];
    expect(f.versions.map((v: Json) => v.number)).toEqual([2, 1]);
    expect(v1).toMatchObject({ started: 7, contained: 3, handedOff: 3, abandoned: 1, inBot: 0, containmentRate: 3 / 7, active: true });
    expect(v2).toMatchObject({ started: 1, contained: 1, handedOff: 0, abandoned: 0, inBot: 0, containmentRate: 1, active: false });
    // The median time to containment, from the rows themselves.
    const times = (
      await h.database.db.execute(sql`select extract(epoch from bot_outcome_at - opened_at)::float8 as s from conversations where bot_outcome = 'contained' order by 1`)
    ) as unknown as { s: number }[];
    const s = times.map((t) => Number(t.s));
    expect(s).toHaveLength(4);
    expect(f.totals.medianSecondsToContainment).toBeCloseTo((s[1]! + s[2]!) / 2, 2);
    expect(f.handoffNodes.map((n: Json) => [n.version, n.nodeId, n.type, n.handoffs])).toEqual([
      [1, "human", "handoff", 2],
      [1, "menu", "buttons", 1],
    ]);
    expect(f.days.reduce((n: number, d: Json) => n + d.started, 0)).toBe(8);
    expect(f.days).toHaveLength(30);

    // The channel filter narrows to the channel; the CSV holds the same table.
    expect((await get(`/api/analytics/bot?flowId=${flowId}&channelId=${channelId}`)).json.totals.started).toBe(8);
    const csv = await get(`/api/analytics/bot?flowId=${flowId}&format=csv`);
    expect(csv.type).toMatch(/text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("flow,version,active,started,contained,handed_off,abandoned,in_bot,containment_rate,median_seconds_to_containment");
    expect(lines[1]).toMatch(/^Analytics flow,2,no,1,1,0,0,0,1,/);
    expect(lines[2]).toMatch(/^Analytics flow,1,yes,7,3,3,1,0,0.4286,/);
  });

  test("GET /api/analytics/flows/[id]/overlay: visits, shares, abandonments, invalid answers, handoffs, edge traffic", async () => {
    const res = await get(`/api/analytics/flows/${flowId}/overlay?version=1`);
    expect(res.status).toBe(200);
    const o = res.json;
    expect(o.version).toMatchObject({ number: 1, active: true });
    expect(o.started).toBe(7);
    const zero = { abandoned: 0, handoffs: 0, contained: 0, answers: 0, invalid: 0, invalidRate: null };
    expect(o.nodes).toEqual({
      // The restart keyword ran the start and the menu a second time in one conversation.
      start: { ...zero, visits: 8, conversations: 7, share: 1 },
      menu: { visits: 8, conversations: 7, share: 1, abandoned: 1, handoffs: 1, contained: 1, answers: 5, invalid: 1, invalidRate: 0.2 },
      info: { ...zero, visits: 2, conversations: 2, share: 2 / 7 },
      bye: { ...zero, visits: 2, conversations: 2, share: 2 / 7, contained: 2 },
      human: { ...zero, visits: 2, conversations: 2, share: 2 / 7, handoffs: 2 },
    });
    expect(o.edges).toEqual({ "e-start": 8, "e-info": 2, "e-bye": 2, "e-human": 2 });
    expect(o.maxEdgeTraffic).toBe(8);
    // The active version by default (rolled back to 1); version 2 on its own.
    expect((await get(`/api/analytics/flows/${flowId}/overlay`)).json.version.number).toBe(1);
    const v2 = (await get(`/api/analytics/flows/${flowId}/overlay?version=2`)).json;
    expect(v2.started).toBe(1);
    expect(v2.nodes.bye.contained).toBe(1);
    const csv = await get(`/api/analytics/flows/${flowId}/overlay?version=1&format=csv`);
    expect(csv.text.replace(/^\uFEFF/, "").split("\r\n")[2]).toBe("menu,buttons,¿Qué necesitas?,8,7,1,1,1,1,5,1,0.2");
  });

  test("a node's recent conversations; transcript links only for those who may read them", async () => {
    const res = await get(`/api/analytics/flows/${flowId}/overlay/nodes/human?version=1`);
    expect(res.status).toBe(200);
    const pinned = (await conversationsOf(h, c.pinned))[0]!;
    const invalid = (await conversationsOf(h, c.invalid))[0]!;
    expect(res.json.conversations.map((x: Json) => [x.protocol, x.outcome])).toEqual([
      [pinned.protocol, "handoff"],
      [invalid.protocol, "handoff"],
    ]);
    expect(res.json.canReadTranscripts).toBe(false);
    expect((await get(`/api/analytics/flows/${flowId}/overlay/nodes/human?version=1`, admin)).json.canReadTranscripts).toBe(true);
  });

  test("bad input: unknown flow, version or channel → 404; bad ranges → 400 with the reason; tokens allowed, agents not", async () => {
    expect((await get(`/api/analytics/bot?flowId=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await get(`/api/analytics/bot?flowId=nope`)).status).toBe(404);
    expect((await get(`/api/analytics/bot?channelId=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await get(`/api/analytics/flows/00000000-0000-4000-8000-000000000000/overlay`)).status).toBe(404);
    expect((await get(`/api/analytics/flows/${flowId}/overlay?version=9`)).status).toBe(404);
    const inverted = await get(`/api/analytics/bot?from=2026-03-10&to=2026-03-01`);
    expect(inverted.status).toBe(400);
    expect(inverted.json.error.message).toMatch(/inverted/);
    const long = await get(`/api/analytics/flows/${flowId}/overlay?from=2024-01-01&to=2026-01-01`);
    expect(long.status).toBe(400);
    expect(long.json.error.message).toMatch(/at most 400/);
    const malformed = await get(`/api/analytics/bot?from=2026-02-30`);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/from/);
    expect((await get(`/api/analytics/flows/${flowId}/overlay?version=x`)).status).toBe(400);

    const created = await fetch(`${h.app.url}/api/tokens`, {
      method: "POST",
      headers: { ...browserHeaders(h.app.url, admin), "content-type": "application/json" },
      body: JSON.stringify({ name: "bi", role: "editor" }),
    });
    const token = ((await created.json()) as Json).token.token as string;
    const viaToken = await fetch(`${h.app.url}/api/analytics/bot?flowId=${flowId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(viaToken.status).toBe(200);
    expect(((await viaToken.json()) as Json).totals.started).toBe(8);
    const agent = await signIn(h.app.url, "agent@demo.atendo", "atendo-demo");
    expect((await get(`/api/analytics/bot`, agent.cookie)).status).toBe(403);
  });
});

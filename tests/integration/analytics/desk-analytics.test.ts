import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { dayRange } from "@/lib/analytics/range";
import { deskSla } from "@/lib/analytics/desk/sla";
import { conversations, queues, users, workspace } from "@/lib/db/schema";
import { browserHeaders, signIn } from "../../support/session";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { conversationsOf, customerPhone, eventually, startHarness, type Harness } from "../runtime/harness";

// Known traffic through the real path: customers ask for a person through the webhook (the demo
// flow's "agente" keyword hands off to Soporte), agents claim, reply, transfer, resolve and reopen
// through the desk API. The times those steps happened are then set in the database to known
// instants (the path decided which columns are filled; the test decides when), and every figure
// of the desk analytics is asserted exactly.
//
// Workspace: America/Sao_Paulo (UTC−3, no DST), open Monday–Friday 09:00–18:00.
// Range: Monday 2026-11-02 … Sunday 2026-11-08.
//   A  Soporte, Alicia        Mon 10:00 in, assigned 10:02, answered 10:05, resolved 10:35
//   B  Soporte, Bruno         Mon 10:30 in, assigned 10:40, answered 10:50, resolved, reopened 11:30, resolved 12:40
//   C  Soporte→Ventas         Tue 17:50 in, Bruno 17:55, answers Wed 09:15 (business: 10 + 15 min), transfers 09:20 to Ventas,
//                             Alicia claims 09:30, resolves 10:00
//   D  Soporte, Alicia        Tue 17:30 in, claimed Wed 09:00, answered 09:45 (business: 30 + 45 = 75 min > 30), resolved 10:00
//   E  Soporte, waiting       Sun 23:30 in (already Monday in UTC: the day is the workspace's)
//   F  Soporte, Alicia        Thu 10:00 in, claimed 10:01, never answered
//   H  Soporte, waiting       Mon 2026-11-09 00:30 in: outside the range, but part of the backlog now
//   G  only talks to the bot: never in the desk

const HOURS = {
  timeZone: "America/Sao_Paulo",
  weekly: { mon: [{ start: "09:00", end: "18:00" }], tue: [{ start: "09:00", end: "18:00" }], wed: [{ start: "09:00", end: "18:00" }], thu: [{ start: "09:00", end: "18:00" }], fri: [{ start: "09:00", end: "18:00" }], sat: [], sun: [] },
  holidays: [],
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let h: Harness;
const cookie: Record<"admin" | "agent" | "agent2" | "editor", string> = { admin: "", agent: "", agent2: "", editor: "" };
let ids: { soporte: string; ventas: string; alicia: string; bruno: string; admin: string };
const conv: Record<string, { id: string; protocol: string }> = {};
const RANGE = "from=2026-11-02&to=2026-11-08";

async function api(who: keyof typeof cookie | { bearer: string }, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> =
    typeof who === "string" ? { ...browserHeaders(h.app.url, cookie[who]) } : { authorization: `Bearer ${who.bearer}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${h.app.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: res.status, json, text, headers: res.headers };
}

async function ok(who: keyof typeof cookie, method: string, path: string, body?: unknown) {
  const res = await api(who, method, path, body ?? (method === "GET" ? undefined : {}));
  expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
  return res;
}

/** A customer writes "agente" through the webhook and waits in Soporte. */
async function handOff(name: string) {
  const phone = customerPhone();
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(phone, "agente"), name))).status).toBe(200);
  const [row] = await eventually(async () => {
    const rows = await conversationsOf(h, phone);
    return rows[0]?.status === "queued" ? rows : null;
  }, 60_000, `handoff of ${name}`);
  conv[name] = { id: row!.id, protocol: row!.protocol };
  return row!.id;
}

const at = (iso: string | null) => (iso === null ? null : sql`${iso}::timestamptz`);
async function setTimes(name: string, times: Partial<Record<"queued_at" | "first_queued_at" | "assigned_at" | "first_assigned_at" | "first_response_at" | "closed_at", string | null>>) {
  const sets = Object.entries(times).map(([column, value]) => sql`${sql.identifier(column)} = ${at(value)}`);
  await h.database.db.execute(sql`update conversations set ${sql.join(sets, sql`, `)} where id = ${conv[name]!.id}::uuid`);
}

beforeAll(async () => {
  h = await startHarness({ env: { RUNTIME_SETTINGS_CACHE_MS: "100" } });
  const db = h.database.db;
  await db.update(workspace).set({ businessHours: HOURS, timeZone: "America/Sao_Paulo" });
  for (const [who, email] of [
    ["admin", "admin@demo.atendo"],
    ["agent", "agent@demo.atendo"],
    ["agent2", "agent2@demo.atendo"],
    ["editor", "editor@demo.atendo"],
  ] as const) {
    const session = await signIn(h.app.url, email, "atendo-demo");
    expect(session.ok, email).toBe(true);
    cookie[who] = session.cookie;
  }
  const qs = await db.select().from(queues);
  const us = await db.select().from(users);
  ids = {
    soporte: qs.find((q) => q.slug === "soporte")!.id,
    ventas: qs.find((q) => q.slug === "ventas")!.id,
    alicia: us.find((u) => u.email === "agent@demo.atendo")!.id,
    bruno: us.find((u) => u.email === "agent2@demo.atendo")!.id,
    admin: us.find((u) => u.email === "admin@demo.atendo")!.id,
  };

  // The SLA targets, through the queue settings API.
  await ok("admin", "PATCH", `/api/desk/queues/${ids.soporte}`, { slaFirstResponseMinutes: 30 });
  await ok("admin", "PATCH", `/api/desk/queues/${ids.ventas}`, { slaFirstResponseMinutes: 60 });

  // Seven customers at once: the runtime handles them in parallel.
  await Promise.all(["A", "B", "C", "D", "E", "F", "H"].map((name) => handOff(name)));
  // G only talks to the bot.
  const g = customerPhone();
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(g, "hola"), "G"))).status).toBe(200);
  await eventually(async () => (await conversationsOf(h, g))[0], 30_000, "bot conversation");

  const desk = (name: string, action: string) => `/api/desk/conversations/${conv[name]!.id}/${action}`;
  await ok("agent", "POST", desk("A", "claim"));
  await ok("agent", "POST", desk("A", "reply"), { text: "Hola, soy Alicia" });
  await ok("agent", "POST", desk("A", "resolve"));

  await ok("agent2", "POST", desk("B", "claim"));
  await ok("agent2", "POST", desk("B", "reply"), { text: "Hola, soy Bruno" });
  await ok("agent2", "POST", desk("B", "resolve"));
  await ok("agent2", "POST", desk("B", "reopen"));
  await ok("agent2", "POST", desk("B", "resolve"));

  await ok("agent2", "POST", desk("C", "claim"));
  await ok("agent2", "POST", desk("C", "reply"), { text: "Te paso con Ventas" });
  await ok("agent2", "POST", desk("C", "transfer"), { queueId: ids.ventas });
  await ok("agent", "POST", desk("C", "claim"));
  await ok("agent", "POST", desk("C", "reply"), { text: "Hola, Ventas aquí" });
  await ok("agent", "POST", desk("C", "resolve"));

  await ok("agent", "POST", desk("D", "claim"));
  await ok("agent", "POST", desk("D", "reply"), { text: "Perdón la demora" });
  await ok("agent", "POST", desk("D", "resolve"));

  await ok("agent", "POST", desk("F", "claim"));

  // The transfer and the reopen kept the first queue entry / assignment the live columns lost.
  const [b] = await db.select().from(conversations).where(eq(conversations.id, conv.B!.id));
  expect(b!.firstAssignedAt).not.toBeNull();
  const [c] = await db.select().from(conversations).where(eq(conversations.id, conv.C!.id));
  expect(c!.firstQueuedAt).not.toBeNull();
  expect(c!.firstAssignedAt).not.toBeNull();
  expect(c!.firstQueuedAt!.getTime()).toBeLessThan(c!.queuedAt!.getTime());
  expect(c!.firstAssignedAt!.getTime()).toBeLessThan(c!.assignedAt!.getTime());

  // When it all happened (UTC; São Paulo is UTC−3).
  await setTimes("A", { queued_at: "2026-11-02T13:00:00Z", assigned_at: "2026-11-02T13:02:00Z", first_response_at: "2026-11-02T13:05:00Z", closed_at: "2026-11-02T13:35:00Z" });
  await setTimes("B", {
    queued_at: "2026-11-02T13:30:00Z",
    first_assigned_at: "2026-11-02T13:40:00Z",
    first_response_at: "2026-11-02T13:50:00Z",
    assigned_at: "2026-11-02T14:30:00Z",
    closed_at: "2026-11-02T15:40:00Z",
  });
  await setTimes("C", {
    first_queued_at: "2026-11-03T20:50:00Z",
    first_assigned_at: "2026-11-03T20:55:00Z",
    first_response_at: "2026-11-04T12:15:00Z",
    queued_at: "2026-11-04T12:20:00Z",
    assigned_at: "2026-11-04T12:30:00Z",
    closed_at: "2026-11-04T13:00:00Z",
  });
  await setTimes("D", { queued_at: "2026-11-03T20:30:00Z", assigned_at: "2026-11-04T12:00:00Z", first_response_at: "2026-11-04T12:45:00Z", closed_at: "2026-11-04T13:00:00Z" });
  await setTimes("E", { queued_at: "2026-11-09T02:30:00Z" });
  await setTimes("F", { queued_at: "2026-11-05T13:00:00Z", assigned_at: "2026-11-05T13:01:00Z" });
  await setTimes("H", { queued_at: "2026-11-09T03:30:00Z" });
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

const none = { p50: null, p90: null };

describe("desk figures", () => {
  test("totals, per queue and per agent, exactly", async () => {
    const { json } = await ok("admin", "GET", `/api/analytics/desk?${RANGE}`);
    expect(json.range).toEqual({ from: "2026-11-02", to: "2026-11-08", timeZone: "America/Sao_Paulo", days: 7 });
    expect(json.totals).toEqual({
      conversations: 6,
      answered: 4,
      resolved: 4,
      transferred: 1,
      wait: { p50: 300, p90: 55_800 },
      firstResponse: { p50: 1_200, p90: 58_500 },
      handling: { p50: 1_980, p90: 4_200 },
      backlog: { waiting: 2, inProgress: 1 },
    });
    const queue = (id: string) => json.queues.find((q: Json) => q.id === id);
    expect(queue(ids.soporte)).toEqual({
      id: ids.soporte,
      name: "Soporte",
      slaMinutes: 30,
      conversations: 5,
      answered: 3,
      resolved: 3,
      transferred: 1,
      wait: { p50: 120, p90: 55_800 },
      firstResponse: { p50: 1_200, p90: 58_500 },
      handling: { p50: 3_600, p90: 4_200 },
      backlog: { waiting: 2, inProgress: 1 },
    });
    expect(queue(ids.ventas)).toEqual({
      id: ids.ventas,
      name: "Ventas",
      slaMinutes: 60,
      conversations: 1,
      answered: 1,
      resolved: 1,
      transferred: 0,
      wait: { p50: 300, p90: 300 },
      firstResponse: { p50: 55_500, p90: 55_500 },
      handling: { p50: 1_800, p90: 1_800 },
      backlog: { waiting: 0, inProgress: 0 },
    });
    const agent = (id: string) => json.agents.find((a: Json) => a.id === id);
    expect(agent(ids.alicia)).toEqual({
      id: ids.alicia,
      name: "Alicia Agente",
      conversations: 4,
      answered: 3,
      resolved: 3,
      transferred: 0,
      wait: { p50: 120, p90: 55_800 },
      firstResponse: { p50: 55_500, p90: 58_500 },
      handling: { p50: 1_980, p90: 3_600 },
      backlog: { waiting: 0, inProgress: 1 },
    });
    expect(agent(ids.bruno)).toEqual({
      id: ids.bruno,
      name: "Bruno Agente",
      conversations: 1,
      answered: 1,
      resolved: 1,
      transferred: 1,
      wait: { p50: 600, p90: 600 },
      firstResponse: { p50: 1_200, p90: 1_200 },
      handling: { p50: 4_200, p90: 4_200 },
      backlog: { waiting: 0, inProgress: 0 },
    });
    expect(agent(ids.admin)).toMatchObject({ conversations: 0, wait: none, firstResponse: none, handling: none });
    expect(json.agents.some((a: Json) => a.name.includes("Editor"))).toBe(false);
  });

  test("volume by day and by hour of the week, in the workspace's time zone", async () => {
    const { json } = await ok("admin", "GET", `/api/analytics/desk?${RANGE}`);
    expect(json.daily).toEqual([
      { day: "2026-11-02", conversations: 2 },
      { day: "2026-11-03", conversations: 2 },
      { day: "2026-11-04", conversations: 0 },
      { day: "2026-11-05", conversations: 1 },
      { day: "2026-11-06", conversations: 0 },
      { day: "2026-11-07", conversations: 0 },
      { day: "2026-11-08", conversations: 1 },
    ]);
    expect(json.heatmap).toHaveLength(168);
    expect(json.heatmap.filter((c: Json) => c.conversations > 0)).toEqual([
      { weekday: 0, hour: 23, conversations: 1 },
      { weekday: 1, hour: 10, conversations: 2 },
      { weekday: 2, hour: 17, conversations: 2 },
      { weekday: 4, hour: 10, conversations: 1 },
    ]);
  });

  test("filters: a queue, an agent; a range without traffic", async () => {
    const ventas = await ok("admin", "GET", `/api/analytics/desk?${RANGE}&queueId=${ids.ventas}`);
    expect(ventas.json.totals).toMatchObject({ conversations: 1, resolved: 1, transferred: 0, backlog: { waiting: 0, inProgress: 0 } });
    expect(ventas.json.queues.map((q: Json) => q.id)).toEqual([ids.ventas]);
    const soporte = await ok("admin", "GET", `/api/analytics/desk?${RANGE}&queueId=${ids.soporte}`);
    expect(soporte.json.totals).toMatchObject({ conversations: 5, transferred: 1, backlog: { waiting: 2, inProgress: 1 } });
    const bruno = await ok("admin", "GET", `/api/analytics/desk?${RANGE}&agentId=${ids.bruno}`);
    expect(bruno.json.totals).toMatchObject({ conversations: 1, answered: 1, resolved: 1, transferred: 1, wait: { p50: 600, p90: 600 } });
    expect(bruno.json.agents.map((a: Json) => a.id)).toEqual([ids.bruno]);
    const quiet = await ok("admin", "GET", "/api/analytics/desk?from=2025-01-01&to=2025-01-31");
    expect(quiet.json.totals).toMatchObject({ conversations: 0, wait: none, firstResponse: none, handling: none, backlog: { waiting: 2, inProgress: 1 } });
    expect(quiet.json.daily).toHaveLength(31);
  });

  test("an agent reads their own figures only; another agent's are 403; a token reads everything", async () => {
    const own = await ok("agent2", "GET", `/api/analytics/desk?${RANGE}`);
    expect(own.json.filter).toEqual({ queueId: null, agentId: ids.bruno });
    expect(own.json.totals).toMatchObject({ conversations: 1, resolved: 1, transferred: 1 });
    expect(own.json.agents.map((a: Json) => a.id)).toEqual([ids.bruno]);
    expect((await ok("agent2", "GET", `/api/analytics/desk?${RANGE}&agentId=${ids.bruno}`)).json.totals.conversations).toBe(1);
    const other = await api("agent2", "GET", `/api/analytics/desk?${RANGE}&agentId=${ids.alicia}`);
    expect(other.status).toBe(403);
    expect(other.json.error.message).toMatch(/own figures/);
    expect((await api("agent2", "GET", `/api/analytics/desk/sla?${RANGE}&agentId=${ids.alicia}`)).status).toBe(403);
    expect((await api("editor", "GET", `/api/analytics/desk?${RANGE}`)).status).toBe(403);

    const minted = await ok("admin", "POST", "/api/tokens", { name: "BI", role: "admin" });
    const viaToken = await api({ bearer: minted.json.token.token }, "GET", `/api/analytics/desk?${RANGE}`);
    expect(viaToken.status).toBe(200);
    expect(viaToken.json.totals.conversations).toBe(6);
  });

  test("bad input: 400 with the reason; unknown queue or agent 404", async () => {
    const inverted = await api("admin", "GET", "/api/analytics/desk?from=2026-11-08&to=2026-11-02");
    expect(inverted.status).toBe(400);
    expect(inverted.json.error.message).toMatch(/inverted/);
    const long = await api("admin", "GET", "/api/analytics/desk?from=2025-01-01&to=2026-02-05");
    expect(long.status).toBe(400);
    expect(long.json.error.message).toMatch(/401 days.*at most 400/);
    const notADay = await api("admin", "GET", "/api/analytics/desk?from=2026-02-30&to=2026-03-01");
    expect(notADay.status).toBe(400);
    expect(notADay.json.error.message).toMatch(/from is not a date/);
    const malformed = await api("admin", "GET", "/api/analytics/desk/sla?from=yesterday");
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/YYYY-MM-DD/);
    const badQueue = await api("admin", "GET", "/api/analytics/desk?queueId=soporte");
    expect(badQueue.status).toBe(400);
    expect(badQueue.json.error.message).toMatch(/queueId/);
    expect((await api("admin", "GET", "/api/analytics/desk?format=xlsx")).status).toBe(400);
    expect((await api("admin", "GET", "/api/analytics/desk?format=csv&table=secrets")).status).toBe(400);
    const unknownQueue = await api("admin", "GET", `/api/analytics/desk?queueId=${crypto.randomUUID()}`);
    expect(unknownQueue.status).toBe(404);
    expect(unknownQueue.json.error.message).toMatch(/Unknown queue/);
    expect((await api("admin", "GET", `/api/analytics/desk/sla?agentId=${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe("SLA in business hours", () => {
  test("the clock stops over the closed night and weekend (now injected)", async () => {
    const range = dayRange({ from: "2026-11-02", to: "2026-11-08" }, "America/Sao_Paulo");
    // Monday 2026-11-09 09:20 in São Paulo.
    const sla = await deskSla(h.database.db, range, { queueId: null, agentId: null }, { now: new Date("2026-11-09T12:20:00Z") });
    expect(sla.queues).toEqual([
      { id: ids.soporte, name: "Soporte", targetMinutes: 30, met: 2, breached: 2, pending: 1, shareMet: 0.5 },
      { id: ids.ventas, name: "Ventas", targetMinutes: 60, met: 1, breached: 0, pending: 0, shareMet: 1 },
    ]);
    expect(sla.breaches).toEqual([
      {
        // Thursday 10:00 → Monday 09:20: 8 h + 9 h + 20 min of business time, unanswered.
        conversationId: conv.F!.id,
        protocol: conv.F!.protocol,
        queueId: ids.soporte,
        queueName: "Soporte",
        agentId: ids.alicia,
        agentName: "Alicia Agente",
        enteredAt: "2026-11-05T13:00:00.000Z",
        firstResponseAt: null,
        waitedBusinessSeconds: 62_400,
        targetSeconds: 1_800,
      },
      {
        // Tuesday 17:30 → Wednesday 09:45: 30 min before closing, 45 after opening (16 h 15 min on the wall clock).
        conversationId: conv.D!.id,
        protocol: conv.D!.protocol,
        queueId: ids.soporte,
        queueName: "Soporte",
        agentId: ids.alicia,
        agentName: "Alicia Agente",
        enteredAt: "2026-11-03T20:30:00.000Z",
        firstResponseAt: "2026-11-04T12:45:00.000Z",
        waitedBusinessSeconds: 4_500,
        targetSeconds: 1_800,
      },
    ]);
    expect(sla.breachesTruncated).toBe(false);
    // C waited 15 h 25 min on the wall clock but 25 business minutes: met in Ventas (60).
  });

  test("over REST, now: the waiting customers are past their targets", async () => {
    const { json } = await ok("admin", "GET", `/api/analytics/desk/sla?${RANGE}`);
    expect(json.queues.find((q: Json) => q.id === ids.soporte)).toMatchObject({ met: 2, breached: 3, pending: 0, shareMet: 0.4 });
    expect(json.breaches.map((b: Json) => b.protocol).sort()).toEqual([conv.D!.protocol, conv.E!.protocol, conv.F!.protocol].sort());
    expect(json.breaches.find((b: Json) => b.protocol === conv.D!.protocol).waitedBusinessSeconds).toBe(4_500);
    const mine = await ok("agent2", "GET", `/api/analytics/desk/sla?${RANGE}`);
    expect(mine.json.breaches).toEqual([]);
    expect(mine.json.queues.find((q: Json) => q.id === ids.soporte)).toMatchObject({ met: 1, breached: 0 });
  });

  test("the queue settings API keeps the target and refuses nonsense", async () => {
    const list = await ok("admin", "GET", "/api/desk/queues");
    expect(list.json.queues.find((q: Json) => q.id === ids.soporte).slaFirstResponseMinutes).toBe(30);
    const bad = await api("admin", "PATCH", `/api/desk/queues/${ids.ventas}`, { slaFirstResponseMinutes: 0 });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json.error.details)).toMatch(/At least 1 minute/);
  });
});

describe("CSV export", () => {
  test("every table downloads as an attachment; cells cannot become formulas", async () => {
    await h.database.db.update(queues).set({ name: "=HYPERLINK(\"http://x\")" }).where(eq(queues.id, ids.ventas));
    try {
      const res = await api("admin", "GET", `/api/analytics/desk?${RANGE}&format=csv&table=queues`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="desk-queues-2026-11-02-2026-11-08.csv"');
      const lines = res.text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
      expect(lines[0]).toBe(
        "queue_id,queue,sla_minutes,conversations,answered,resolved,transferred,wait_p50_s,wait_p90_s,first_response_p50_s,first_response_p90_s,handling_p50_s,handling_p90_s,waiting_now,in_progress_now",
      );
      expect(lines).toContain(`${ids.soporte},Soporte,30,5,3,3,1,120,55800,1200,58500,3600,4200,2,1`);
      expect(lines).toContain(`${ids.ventas},"'=HYPERLINK(""http://x"")",60,1,1,1,0,300,300,55500,55500,1800,1800,0,0`);
      expect(lines.at(-1)).toBe(",(all),,6,4,4,1,300,55800,1200,58500,1980,4200,2,1");
    } finally {
      await h.database.db.update(queues).set({ name: "Ventas" }).where(eq(queues.id, ids.ventas));
    }
    const agents = await ok("admin", "GET", `/api/analytics/desk?${RANGE}&format=csv&table=agents`);
    expect(agents.text).toContain(`${ids.bruno},Bruno Agente,1,1,1,1,600,600,1200,1200,4200,4200,0,0`);
    const daily = await ok("admin", "GET", `/api/analytics/desk?${RANGE}&format=csv&table=daily`);
    expect(daily.text.replace(/^\uFEFF/, "")).toBe("day,conversations\r\n2026-11-02,2\r\n2026-11-03,2\r\n2026-11-04,0\r\n2026-11-05,1\r\n2026-11-06,0\r\n2026-11-07,0\r\n2026-11-08,1\r\n");
    const heat = await ok("admin", "GET", `/api/analytics/desk?${RANGE}&format=csv&table=heatmap`);
    expect(heat.text).toContain("\r\nmon,10,2\r\n");
    const breaches = await ok("admin", "GET", `/api/analytics/desk/sla?${RANGE}&format=csv&table=breaches`);
    expect(breaches.headers.get("content-disposition")).toMatch(/^attachment; filename="desk-sla-breaches-/);
    expect(breaches.text).toContain(`${conv.D!.protocol},${conv.D!.id},Soporte,Alicia Agente,2026-11-03T20:30:00.000Z,2026-11-04T12:45:00.000Z,4500,1800`);
    const slaQueues = await ok("admin", "GET", `/api/analytics/desk/sla?${RANGE}&format=csv&table=queues`);
    expect(slaQueues.text).toContain(`${ids.ventas},Ventas,60,1,0,0,1\r\n`);
  });
});

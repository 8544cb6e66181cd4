import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { contacts, csatResponses, queues, users, workspace } from "@/lib/db/schema";
import { browserHeaders, signIn } from "../../support/session";
import { buttonReply, listReply, messageEnvelope, stickerMessage, textMessage, wamid } from "../../support/webhook";
import { conversationsOf, customerPhone, eventually, startHarness, transcript, type Harness } from "../runtime/harness";
import { ALWAYS_OPEN } from "../../support/business-hours";

// Customer satisfaction through the real webhook path and the fake Graph API: an agent resolves,
// the survey goes out (only in the 24-hour window, only when the queue asks), the customer taps
// an option (recorded against the conversation, the agent and the queue) and may add a comment;
// an answer never enters the bot nor reopens the conversation, and every other message does what
// it does without a survey. Then the figures, exactly.


type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let h: Harness;
let agentCookie = "";
let adminCookie = "";
let agentId = "";
let adminId = "";
let soporteId = "";

async function api(cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; text: string; type: string | null }> {
  const res = await fetch(`${h.app.url}${path}`, {
    method,
    headers: { ...browserHeaders(h.app.url, cookie), ...(body !== undefined || method !== "GET" ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const type = res.headers.get("content-type");
  return { status: res.status, json: type?.includes("json") && text ? JSON.parse(text) : {}, text, type };
}

const sentTo = (to: string) => h.graph.requests.filter((r) => r.kind === "message" && r.to === to && r.status === 200);
const bodies = (to: string) => sentTo(to).map((r) => JSON.stringify(r.body ?? {}));

async function setCsat(csat: { enabled: boolean; scale: "five" | "faces"; comment: boolean; texts?: Record<string, string | null> }) {
  const res = await api(adminCookie, "PATCH", `/api/desk/queues/${soporteId}`, { csat: { texts: {}, ...csat } });
  expect(res.status).toBe(200);
}

/** A customer reaches the soporte queue through the demo flow and the agent takes the conversation. */
async function servedConversation(phone: string) {
  const { phoneNumberId } = h.channel;
  expect((await h.post(messageEnvelope(phoneNumberId, textMessage(phone, "hola"), "Marta Díaz"))).status).toBe(200);
  await eventually(async () => bodies(phone).some((b) => b.includes("Hablar con asesor")), 30_000, "welcome buttons");
  expect((await h.post(messageEnvelope(phoneNumberId, buttonReply(phone, "asesor", "Hablar con asesor"), "Marta Díaz"))).status).toBe(200);
  const [queued] = await eventually(async () => {
    const rows = await conversationsOf(h, phone);
    return rows[0]?.status === "queued" ? rows : null;
  }, 30_000, "handoff");
  expect((await api(agentCookie, "POST", `/api/desk/conversations/${queued!.id}/claim`)).status).toBe(200);
  return queued!;
}

async function resolve(conversationId: string) {
  expect((await api(agentCookie, "POST", `/api/desk/conversations/${conversationId}/resolve`, {})).status).toBe(200);
}

const responseOf = async (conversationId: string) => (await h.database.db.select().from(csatResponses).where(eq(csatResponses.conversationId, conversationId)))[0];
const pendingOf = async (phone: string) => (await h.database.db.select({ p: contacts.csatPending }).from(contacts).where(eq(contacts.waId, phone)))[0]?.p as Json | null;

beforeAll(async () => {
  h = await startHarness({ env: { RUNTIME_SETTINGS_CACHE_MS: "100" } });
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
  const agent = await signIn(h.app.url, "agent@demo.atendo", "atendo-demo");
  const admin = await signIn(h.app.url, "admin@demo.atendo", "atendo-demo");
  expect(agent.ok && admin.ok).toBe(true);
  agentCookie = agent.cookie;
  adminCookie = admin.cookie;
  agentId = (await h.database.db.select().from(users).where(eq(users.email, "agent@demo.atendo")))[0]!.id;
  adminId = (await h.database.db.select().from(users).where(eq(users.email, "admin@demo.atendo")))[0]!.id;
  soporteId = (await h.database.db.select().from(queues).where(eq(queues.slug, "soporte")))[0]!.id;
});

afterAll(async () => {
  await h?.stop();
});

test("the queue setting is read back through the queue settings API", async () => {
  await setCsat({ enabled: true, scale: "faces", comment: true, texts: { thanks: "¡Gracias, de verdad!" } });
  const list = await api(adminCookie, "GET", "/api/desk/queues");
  const soporte = list.json.queues.find((q: Json) => q.id === soporteId);
  expect(soporte.csat).toEqual({ enabled: true, scale: "faces", comment: true, texts: { question: null, commentPrompt: null, thanks: "¡Gracias, de verdad!" } });
  const bad = await api(adminCookie, "PATCH", `/api/desk/queues/${soporteId}`, { csat: { enabled: true, scale: "ten", comment: false } });
  expect(bad.status).toBe(422);
});

test("resolve → three faces in the window; a tap is recorded with agent and queue, the comment too; nothing reopens or enters the bot", async () => {
  const phone = customerPhone();
  const { phoneNumberId } = h.channel;
  const conv = await servedConversation(phone);
  await resolve(conv.id);
  const survey = await eventually(async () => sentTo(phone).find((r) => JSON.stringify(r.body).includes("csat:")), 30_000, "survey");
  const interactive = (survey.body as Json).interactive;
  expect(interactive.type).toBe("button");
  expect(interactive.body.text).toBe("¿Cómo calificarías la atención que recibiste?");
  expect(interactive.action.buttons.map((b: Json) => b.reply.id)).toEqual([1, 2, 3].map((n) => `csat:${conv.id}:${n}`));
  expect(await responseOf(conv.id)).toMatchObject({ agentId, queueId: soporteId, scale: "faces", score: null, comment: null });

  // The tap, delivered twice by Meta: one answer.
  const tap = buttonReply(phone, `csat:${conv.id}:3`, "😀 Buena", { id: wamid() });
  expect((await h.post(messageEnvelope(phoneNumberId, tap, "Marta Díaz"))).status).toBe(200);
  expect((await h.post(messageEnvelope(phoneNumberId, tap, "Marta Díaz"))).status).toBe(200);
  await eventually(async () => (await responseOf(conv.id))?.score === 3, 30_000, "score recorded");
  await eventually(async () => bodies(phone).some((b) => b.includes("¿Quieres agregar algo?")), 30_000, "comment prompt");
  expect((await pendingOf(phone))?.awaiting).toBe("comment");

  // The next free text is the comment; then thanks (the queue's own text).
  expect((await h.post(messageEnvelope(phoneNumberId, textMessage(phone, "Muy amables, gracias"), "Marta Díaz"))).status).toBe(200);
  await eventually(async () => (await responseOf(conv.id))?.comment === "Muy amables, gracias", 30_000, "comment recorded");
  await eventually(async () => bodies(phone).some((b) => b.includes("¡Gracias, de verdad!")), 30_000, "thanks");
  expect(await pendingOf(phone)).toBeNull();

  // Still one conversation, closed as resolved; the answers joined its transcript.
  const rows = await conversationsOf(h, phone);
  expect(rows.map((r) => [r.status, r.closedReason])).toEqual([["closed", "resolved"]]);
  const lines = await transcript(h, conv.id);
  expect(lines.filter((l) => l.direction === "inbound" && l.body === "😀 Buena")).toHaveLength(1);
  expect(lines.some((l) => l.direction === "inbound" && l.body === "Muy amables, gracias")).toBe(true);
  const answer = await responseOf(conv.id);
  expect(answer).toMatchObject({ score: 3, comment: "Muy amables, gracias", agentId, queueId: soporteId });

  // A message after the survey is done does what it does today: a new conversation in the bot.
  const before = sentTo(phone).length;
  expect((await h.post(messageEnvelope(phoneNumberId, textMessage(phone, "hola otra vez"), "Marta Díaz"))).status).toBe(200);
  const next = await eventually(async () => {
    const all = await conversationsOf(h, phone);
    return all.length === 2 ? all[1] : null;
  }, 30_000, "new bot conversation");
  expect(next!.status).toBe("bot");
  await eventually(async () => sentTo(phone).length > before && bodies(phone).slice(before).some((b) => b.includes("Hablar con asesor")), 30_000, "welcome again");
});

test("a message that is not an answer goes where it goes today; a later tap is still recorded and never reaches the bot", async () => {
  const phone = customerPhone();
  const { phoneNumberId } = h.channel;
  const conv = await servedConversation(phone);
  await resolve(conv.id);
  await eventually(async () => bodies(phone).some((b) => b.includes(`csat:${conv.id}:1`)), 30_000, "survey");

  expect((await h.post(messageEnvelope(phoneNumberId, textMessage(phone, "tengo otra duda"), "Marta Díaz"))).status).toBe(200);
  const [, bot] = await eventually(async () => {
    const all = await conversationsOf(h, phone);
    return all.length === 2 ? all : null;
  }, 30_000, "a new conversation in the bot, as without a survey");
  expect(bot!.status).toBe("bot");
  await eventually(async () => bodies(phone).filter((b) => b.includes("Hablar con asesor")).length === 2, 30_000, "welcome of the new conversation");
  const botState = JSON.stringify((await conversationsOf(h, phone))[1]!.flowState);

  const sentBefore = sentTo(phone).length;
  expect((await h.post(messageEnvelope(phoneNumberId, buttonReply(phone, `csat:${conv.id}:1`, "😞 Mala"), "Marta Díaz"))).status).toBe(200);
  await eventually(async () => (await responseOf(conv.id))?.score === 1, 30_000, "late score");
  await eventually(async () => sentTo(phone).length === sentBefore + 1, 30_000, "the comment prompt only");
  expect(bodies(phone).at(-1)).toContain("¿Quieres agregar algo?");
  const after = await conversationsOf(h, phone);
  expect(after.map((r) => r.status)).toEqual(["closed", "bot"]);
  expect(JSON.stringify(after[1]!.flowState)).toBe(botState);
  expect((await transcript(h, after[1]!.id)).some((l) => l.body === "😞 Mala")).toBe(false);

  // A second tap on the same survey counts no more (the first answer stands) and goes nowhere else.
  expect((await h.post(messageEnvelope(phoneNumberId, buttonReply(phone, `csat:${conv.id}:2`, "😐 Regular"), "Marta Díaz"))).status).toBe(200);
  await eventually(async () => (await transcript(h, conv.id)).some((l) => l.body === "😐 Regular"), 30_000, "second tap in the transcript");
  expect((await responseOf(conv.id))?.score).toBe(1);
  expect(JSON.stringify((await conversationsOf(h, phone))[1]!.flowState)).toBe(botState);
});

test("no survey outside the 24-hour window, nor when the queue does not ask", async () => {
  const outside = customerPhone();
  const a = await servedConversation(outside);
  await h.database.db.update(contacts).set({ lastInboundAt: new Date(Date.now() - 25 * 3_600_000) }).where(eq(contacts.waId, outside));
  await resolve(a.id);
  expect(await responseOf(a.id)).toBeUndefined();

  await setCsat({ enabled: false, scale: "faces", comment: true });
  const disabled = customerPhone();
  const b = await servedConversation(disabled);
  await resolve(b.id);
  expect(await responseOf(b.id)).toBeUndefined();
  expect(await pendingOf(disabled)).toBeNull();
  // Give the sender a moment: nothing with a survey option may leave for either customer.
  await new Promise((r) => setTimeout(r, 500));
  expect([...bodies(outside), ...bodies(disabled)].some((b) => b.includes("csat:"))).toBe(false);
});

test("1–5 as an interactive list; a sticker while the comment is awaited ends the wait and does what it does today", async () => {
  await setCsat({ enabled: true, scale: "five", comment: true });
  const phone = customerPhone();
  const { phoneNumberId } = h.channel;
  const conv = await servedConversation(phone);
  await resolve(conv.id);
  const survey = await eventually(async () => sentTo(phone).find((r) => JSON.stringify(r.body).includes("csat:")), 30_000, "survey");
  const interactive = (survey.body as Json).interactive;
  expect(interactive.type).toBe("list");
  expect(interactive.action.sections[0].rows.map((r: Json) => r.id)).toEqual([5, 4, 3, 2, 1].map((n) => `csat:${conv.id}:${n}`));

  expect((await h.post(messageEnvelope(phoneNumberId, listReply(phone, `csat:${conv.id}:4`, "4 · Buena"), "Marta Díaz"))).status).toBe(200);
  await eventually(async () => (await responseOf(conv.id))?.score === 4, 30_000, "score 4");
  await eventually(async () => (await pendingOf(phone))?.awaiting === "comment", 30_000, "comment awaited");
  expect((await h.post(messageEnvelope(phoneNumberId, stickerMessage(phone), "Marta Díaz"))).status).toBe(200);
  await eventually(async () => (await conversationsOf(h, phone)).length === 2, 30_000, "the sticker opens a conversation as today");
  expect(await pendingOf(phone)).toBeNull();
  expect((await responseOf(conv.id))?.comment).toBeNull();
});

test("the figures, exactly: admins everything, agents their own, tokens, CSV, bad input", async () => {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo" }).format(new Date());
  const report = await api(adminCookie, "GET", `/api/analytics/satisfaction?from=${today}&to=${today}`);
  expect(report.status).toBe(200);
  // faces 3 (→ 5), faces 1 (→ 1), five 4: sent 3, answered 3, one comment.
  const figures = {
    sent: 3,
    answered: 3,
    responseRate: 1,
    average: 3.33,
    satisfied: 0.6667,
    distribution: { "1": 1, "2": 0, "3": 0, "4": 1, "5": 1 },
    comments: 1,
  };
  expect(report.json.totals).toEqual(figures);
  expect(report.json.agents).toEqual([{ agentId, name: "Alicia Agente", ...figures }]);
  expect(report.json.queues).toEqual([{ queueId: soporteId, name: expect.any(String), ...figures }]);
  expect(report.json.days).toEqual([{ day: today, ...figures }]);
  expect(report.json.comments).toHaveLength(1);
  expect(report.json.comments[0]).toMatchObject({ comment: "Muy amables, gracias", score: 3, scale: "faces", agentId, queueId: soporteId });

  // An agent reads their own figures; another agent's are forbidden.
  const own = await api(agentCookie, "GET", `/api/analytics/satisfaction?from=${today}&to=${today}`);
  expect(own.status).toBe(200);
  expect(own.json.totals).toEqual(figures);
  expect(own.json.filters.agentId).toBe(agentId);
  expect((await api(agentCookie, "GET", `/api/analytics/satisfaction?agentId=${adminId}`)).status).toBe(403);
  // An admin filtering on an agent with no surveys sees zeros.
  const none = await api(adminCookie, "GET", `/api/analytics/satisfaction?from=${today}&to=${today}&agentId=${adminId}`);
  expect(none.json.totals).toMatchObject({ sent: 0, answered: 0, responseRate: null, average: null });

  // API tokens.
  const token = await api(adminCookie, "POST", "/api/tokens", { name: "bi", role: "admin" });
  expect(token.status).toBe(201);
  const viaToken = await fetch(`${h.app.url}/api/analytics/satisfaction?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${token.json.token.token}` } });
  expect(viaToken.status).toBe(200);
  expect(((await viaToken.json()) as Json).totals).toEqual(figures);

  // CSV.
  const csv = await api(adminCookie, "GET", `/api/analytics/satisfaction?from=${today}&to=${today}&format=csv&table=agents`);
  expect(csv.type).toContain("text/csv");
  expect(csv.text.split("\r\n")).toEqual([
    "agent_id,agent,sent,answered,response_rate,average,satisfied,score_1,score_2,score_3,score_4,score_5,comments",
    `${agentId},Alicia Agente,3,3,1,3.33,0.6667,1,0,0,1,1,1`,
    "",
  ]);
  const comments = await api(adminCookie, "GET", `/api/analytics/satisfaction?from=${today}&to=${today}&format=csv&table=comments`);
  expect(comments.text).toContain("Muy amables, gracias");

  // Bad input.
  expect((await api(adminCookie, "GET", "/api/analytics/satisfaction?from=2026-03-10&to=2026-03-01")).status).toBe(400);
  expect((await api(adminCookie, "GET", "/api/analytics/satisfaction?from=2024-01-01&to=2026-03-01")).status).toBe(400);
  expect((await api(adminCookie, "GET", "/api/analytics/satisfaction?from=2026-02-30")).status).toBe(400);
  expect((await api(adminCookie, "GET", "/api/analytics/satisfaction?queueId=nope")).status).toBe(400);
  expect((await api(adminCookie, "GET", `/api/analytics/satisfaction?queueId=${crypto.randomUUID()}`)).status).toBe(404);
  expect((await api(adminCookie, "GET", `/api/analytics/satisfaction?agentId=${crypto.randomUUID()}`)).status).toBe(404);
  expect((await api(adminCookie, "GET", `/api/analytics/satisfaction?queueId=${soporteId}`)).status).toBe(200);
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { conversations, workspace } from "@/lib/db/schema";
import { browserHeaders, signIn } from "../../support/session";
import { buttonReply, messageEnvelope, textMessage } from "../../support/webhook";
import { conversationsOf, customerPhone, eventually, startHarness, type Harness } from "../runtime/harness";
import { ALWAYS_OPEN } from "../../support/business-hours";

// The whole path, through the real webhook and the fake Graph API: a customer reaches a human,
// an agent answers from the desk, a permanent send failure is shown and retried, the agent
// resolves, and the customer comes back quoting the protocol.


type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let h: Harness;
let agentCookie = "";

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${h.app.url}${path}`, {
    method,
    headers: { ...browserHeaders(h.app.url, agentCookie), ...(body !== undefined || method !== "GET" ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

beforeAll(async () => {
  h = await startHarness({ env: { RUNTIME_SETTINGS_CACHE_MS: "100" } });
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
  const session = await signIn(h.app.url, "agent@demo.atendo", "atendo-demo");
  expect(session.ok).toBe(true);
  agentCookie = session.cookie;
});

afterAll(async () => {
  await h?.stop();
});

const sentTo = (to: string) => h.graph.requests.filter((r) => r.kind === "message" && r.to === to && r.status === 200);
const textOf = (body: Record<string, unknown> | null) => JSON.stringify(body ?? {});

test("webhook → bot → handoff → desk claim and reply → failure and retry → resolve → the customer quotes the protocol", async () => {
  const phone = customerPhone();
  const { phoneNumberId } = h.channel;
  expect((await h.post(messageEnvelope(phoneNumberId, textMessage(phone, "hola"), "Marta Díaz"))).status).toBe(200);
  await eventually(async () => sentTo(phone).some((r) => textOf(r.body).includes("Hablar con asesor")), 30_000, "welcome buttons");
  expect((await h.post(messageEnvelope(phoneNumberId, buttonReply(phone, "asesor", "Hablar con asesor"), "Marta Díaz"))).status).toBe(200);
  const [queued] = await eventually(async () => {
    const rows = await conversationsOf(h, phone);
    return rows[0]?.status === "queued" ? rows : null;
  }, 30_000, "handoff");

  // The desk sees it, with the bot's part of the transcript.
  const waiting = await api("GET", "/api/desk/conversations?status=queued&queue=soporte");
  expect(waiting.json.conversations.map((c: Json) => c.protocol)).toContain(queued!.protocol);
  expect((await api("POST", `/api/desk/conversations/${queued!.id}/claim`)).status).toBe(200);
  const detail = await api("GET", `/api/desk/conversations/${queued!.id}`);
  expect(detail.json.conversation.messages.some((m: Json) => m.author === "bot")).toBe(true);
  expect(detail.json.conversation.flow.path.map((s: Json) => s.id)).toContain("welcome");

  // A permanent failure from Meta is shown with its reason; the retry sends it.
  h.graph.inject({ kind: "error", status: 400, code: 131026, message: "(#131026) Message undeliverable" }, 1, (r) => r.to === phone);
  const reply = await api("POST", `/api/desk/conversations/${queued!.id}/reply`, { text: "Hola Marta, soy Alicia. ¿En qué te ayudo?" });
  expect(reply.status).toBe(201);
  const failed = await eventually(async () => {
    const d = await api("GET", `/api/desk/conversations/${queued!.id}`);
    const m = d.json.conversation.messages.find((x: Json) => x.id === reply.json.message.id);
    return m?.deliveryStatus === "failed" ? m : null;
  }, 30_000, "failed delivery");
  expect(JSON.stringify(failed.error)).toMatch(/131026/);
  expect((await api("POST", `/api/desk/conversations/${queued!.id}/messages/${reply.json.message.id}/retry`)).status).toBe(200);
  await eventually(async () => sentTo(phone).some((r) => textOf(r.body).includes("soy Alicia")), 30_000, "retried reply at the Graph API");

  // Resolve with a closing message carrying the protocol.
  expect((await api("POST", `/api/desk/conversations/${queued!.id}/resolve`, { closingMessage: "Gracias, tu protocolo es {{protocol}}" })).status).toBe(200);
  await eventually(async () => sentTo(phone).some((r) => textOf(r.body).includes(`tu protocolo es ${queued!.protocol}`)), 30_000, "closing message");

  // The customer comes back quoting it: a new conversation in the bot, linked to the old one.
  expect((await h.post(messageEnvelope(phoneNumberId, textMessage(phone, `Hola otra vez, mi protocolo es ${queued!.protocol}`), "Marta Díaz"))).status).toBe(200);
  const next = await eventually(async () => {
    const rows = await conversationsOf(h, phone);
    return rows.length === 2 ? rows[1] : null;
  }, 30_000, "second conversation");
  expect(next!.protocol).not.toBe(queued!.protocol);
  const [linked] = await eventually(async () => {
    const rows = await h.database.db.select().from(conversations).where(eq(conversations.id, next!.id));
    return rows[0]?.linkedConversationId ? rows : null;
  }, 30_000, "link to the quoted protocol");
  expect(linked!.linkedConversationId).toBe(queued!.id);
});

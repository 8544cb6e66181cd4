import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels, contacts, conversations, messageTemplates, outbox, queues, users } from "@/lib/db/schema";
import { signIn } from "../../support/session";
import { messageEnvelope, textMessage } from "../../support/webhook";
import type { FlowDocument } from "@/lib/flow/schema";
import { channelId, conversationsOf, customerPhone, eventually, publishChannelFlow, startHarness, transcript, type Harness } from "../runtime/harness";

// Writing first (docs/outreach.md): an agent from the desk, or an integration through
// POST /api/messages, starts a conversation with an approved template; the reply lands in it.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let h: Harness;
const cookies: Record<string, string> = {};
let token = "";
let channel = "";
let flowId = "";
const queue: Record<string, string> = {};
const template: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  for (const who of ["admin", "agent", "agent2"]) cookies[who] = (await signIn(h.app.url, `${who}@demo.atendo`, "atendo-demo")).cookie;
  token = (await api("admin", "POST", "/api/tokens", { name: "notifications", role: "admin" })).json.token.token;
  channel = await channelId(h);
  const [row] = await h.database.db.select({ flowId: channels.flowId }).from(channels).where(eq(channels.id, channel));
  flowId = row!.flowId!;
  for (const q of await h.database.db.select().from(queues)) queue[q.slug] = q.id;
  // Approved and pending templates of the channel, as a sync from Meta stores them.
  const rows = await h.database.db
    .insert(messageTemplates)
    .values([
      { channelId: channel, name: "aviso_envio", language: "es", category: "UTILITY", status: "APPROVED", components: [{ type: "BODY", text: "Hola {{1}}, tu pedido {{2}} fue enviado." }] },
      { channelId: channel, name: "promo_mes", language: "es", category: "MARKETING", status: "APPROVED", components: [{ type: "BODY", text: "¡{{1}} de descuento este mes!" }] },
      { channelId: channel, name: "borrador", language: "es", category: "UTILITY", status: "PENDING", components: [{ type: "BODY", text: "Pronto." }] },
    ])
    .returning();
  for (const t of rows) template[t.name] = t.id;
});

afterAll(async () => {
  await h?.stop();
});

async function api(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; headers: Headers }> {
  const headers: Record<string, string> =
    who === "token" ? { authorization: `Bearer ${token}` } : { cookie: cookies[who] ?? "", origin: new URL(h.app.url).origin };
  if (method !== "GET") headers["content-type"] = "application/json";
  const res = await fetch(`${h.app.url}${path}`, { method, headers, body: body !== undefined ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {}, headers: res.headers };
}

async function userId(email: string): Promise<string> {
  const [u] = await h.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u!.id;
}

const sentTo = (waId: string) => h.graph.accepted(waId).map((r) => r.body as Json);

async function sent(waId: string, count: number) {
  await eventually(async () => sentTo(waId).length >= count, 30_000, `${count} message(s) to ${waId}`);
  return sentTo(waId);
}

async function customerSays(waId: string, text: string) {
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(waId, text)))).status).toBe(200);
}

async function conversationRow(id: string) {
  const [row] = await h.database.db.select().from(conversations).where(eq(conversations.id, id));
  return row!;
}

describe("an agent starts a conversation from the desk", () => {
  test("a new number: a conversation with a protocol, held by the agent in their queue, the exact template at Meta; the reply lands in it", async () => {
    const waId = customerPhone();
    const started = await api("agent", "POST", "/api/desk/outreach", {
      phone: `+${waId.slice(0, 2)} ${waId.slice(2, 5)} ${waId.slice(5)}`,
      queueId: queue.ventas,
      templateId: template.aviso_envio,
      params: { body: ["Ana", "A-1001"] },
    });
    expect(started.status).toBe(201);
    expect(started.json.conversation.protocol).toMatch(/^\d{8}-\d{6}$/);
    const row = await conversationRow(started.json.conversation.id);
    expect(row).toMatchObject({ status: "assigned", queueId: queue.ventas, assigneeId: await userId("agent@demo.atendo"), origin: "agent", protocol: started.json.conversation.protocol });

    const [request] = await sent(waId, 1);
    // `biz_opaque_callback_data` ties Meta's statuses to the outbox row; the rest is the template send.
    expect(request).toEqual({
      biz_opaque_callback_data: expect.any(String),
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: waId,
      type: "template",
      template: {
        name: "aviso_envio",
        language: { code: "es" },
        components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "text", text: "A-1001" }] }],
      },
    });
    expect(await transcript(h, row.id)).toMatchObject([{ direction: "outbound", author: "agent", type: "template", body: "Hola Ana, tu pedido A-1001 fue enviado." }]);

    // The customer answers: into the agent's conversation, not the bot.
    await customerSays(waId, "¡Gracias! ¿Cuándo llega?");
    await eventually(async () => (await transcript(h, row.id)).length === 2, 30_000, "the reply in the transcript");
    expect((await transcript(h, row.id))[1]).toMatchObject({ direction: "inbound", author: "customer", body: "¡Gracias! ¿Cuándo llega?" });
    expect(await conversationsOf(h, waId)).toHaveLength(1);
    expect(await conversationRow(row.id)).toMatchObject({ status: "assigned", unreadCount: 1 });
    expect(sentTo(waId)).toHaveLength(1);
    // The window is open now: the agent answers freely.
    expect((await api("agent", "POST", `/api/desk/conversations/${row.id}/reply`, { text: "Mañana." })).status).toBe(201);

    // Writing first again while that conversation is open: 409 naming it; the desk opens it instead.
    const [contact] = await h.database.db.select().from(contacts).where(eq(contacts.waId, waId));
    const again = await api("agent", "POST", "/api/desk/outreach", { contactId: contact!.id, queueId: queue.ventas, templateId: template.aviso_envio, params: { body: ["Ana", "A-1002"] } });
    expect(again.status).toBe(409);
    expect(again.json.error.details).toMatchObject({ reason: "conversation_open", conversationId: row.id, protocol: row.protocol });
  });

  test("bad input: a number that is not E.164, variables that don't match, a queue that is not the agent's, a template not approved — 4xx, nothing written", async () => {
    const waId = customerPhone();
    const base = { phone: `+${waId}`, queueId: queue.soporte, templateId: template.aviso_envio, params: { body: ["Ana", "A-1"] } };
    for (const phone of ["12ab", "+0123456789", "5511999998888", "+1234"]) {
      const bad = await api("agent", "POST", "/api/desk/outreach", { ...base, phone });
      expect(bad.status, phone).toBe(422);
      expect(bad.json.error.details.issues[0].path).toBe("phone");
    }
    const mismatch = await api("agent", "POST", "/api/desk/outreach", { ...base, params: { body: ["Ana"] } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error.details.issues).toMatchObject([{ path: "body.1", variable: "{{2}}", code: "missing" }]);
    expect((await api("agent2", "POST", "/api/desk/outreach", { ...base, queueId: queue.ventas })).status).toBe(422);
    const pending = await api("agent", "POST", "/api/desk/outreach", { ...base, templateId: template.borrador, params: { body: [] } });
    expect(pending.status).toBe(422);
    expect(pending.json.error.details.reason).toBe("template_not_approved");
    expect((await api("editor", "POST", "/api/desk/outreach", base)).status).toBe(401);
    expect(await h.database.db.select().from(contacts).where(eq(contacts.waId, waId))).toEqual([]);
  });

  test("another agent may not write to a contact they cannot read, nor learn which conversation holds a number they typed", async () => {
    const waId = customerPhone();
    const started = await api("agent", "POST", "/api/desk/outreach", { phone: `+${waId}`, queueId: queue.ventas, templateId: template.aviso_envio, params: { body: ["Iris", "I-1"] } });
    expect(started.status).toBe(201);
    const [contact] = await h.database.db.select().from(contacts).where(eq(contacts.waId, waId));
    // agent2 works Soporte only: the customer in Ventas, held by agent, is not theirs to read.
    const byContact = await api("agent2", "POST", "/api/desk/outreach", { contactId: contact!.id, queueId: queue.soporte, templateId: template.aviso_envio, params: { body: ["Iris", "I-2"] } });
    expect(byContact.status).toBe(422);
    expect(byContact.json.error.details.issues[0]).toMatchObject({ path: "contactId", message: "Unknown contact" });
    const byPhone = await api("agent2", "POST", "/api/desk/outreach", { phone: `+${waId}`, queueId: queue.soporte, templateId: template.aviso_envio, params: { body: ["Iris", "I-2"] } });
    expect(byPhone.status).toBe(409);
    expect(byPhone.json.error.details).toEqual({ reason: "conversation_open" });
    // The agent holding it is told which one, to open it.
    const own = await api("agent", "POST", "/api/desk/outreach", { contactId: contact!.id, queueId: queue.ventas, templateId: template.aviso_envio, params: { body: ["Iris", "I-3"] } });
    expect(own.status).toBe(409);
    expect(own.json.error.details).toMatchObject({ reason: "conversation_open", conversationId: started.json.conversation.id });
    expect(await conversationsOf(h, waId)).toHaveLength(1);
  });
});

describe("POST /api/messages", () => {
  test("idempotent by clientKey: the same request twice is one send and one answer; another body under the key is 409", async () => {
    const waId = customerPhone();
    const body = { clientKey: `order-${waId}-shipped`, to: `+${waId}`, template: { name: "aviso_envio", language: "es", parameters: ["Bruno", "B-2002"] }, replyTo: { queue: "ventas" } };
    const first = await api("token", "POST", "/api/messages", body);
    expect(first.status).toBe(201);
    expect(Object.keys(first.json).sort()).toEqual(["conversationId", "messageId", "protocol"]);
    const second = await api("token", "POST", "/api/messages", body);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const reused = await api("token", "POST", "/api/messages", { ...body, template: { ...body.template, parameters: ["Bruno", "B-2003"] } });
    expect(reused.status).toBe(409);
    expect(reused.json.error.details.reason).toBe("client_key_reused");

    await sent(waId, 1);
    const rows = await h.database.db.select().from(outbox).where(and(eq(outbox.contactWaId, waId), eq(outbox.kind, "message")));
    expect(rows).toHaveLength(1);
    expect(await conversationRow(first.json.conversationId)).toMatchObject({ status: "queued", queueId: queue.ventas, origin: "api", assigneeId: null });

    // The reply waits in the queue with the notification before it.
    await customerSays(waId, "¿Puedo cambiar la dirección?");
    await eventually(async () => (await conversationRow(first.json.conversationId)).unreadCount === 1, 30_000, "the reply in the queue");
    expect((await transcript(h, first.json.conversationId)).map((m) => m.direction)).toEqual(["outbound", "inbound"]);
    expect(sentTo(waId)).toHaveLength(1);
  });

  test("422 for a bad number, variables that don't match (named), an unknown template; 401 without a token; 403 for agents", async () => {
    const waId = customerPhone();
    const body = { clientKey: `k-${waId}`, to: `+${waId}`, template: { name: "aviso_envio", language: "es", parameters: ["Ana", "1"] } };
    const phone = await api("token", "POST", "/api/messages", { ...body, to: "+00 12" });
    expect(phone.status).toBe(422);
    expect(phone.json.error.details.issues[0].path).toBe("to");
    const vars = await api("token", "POST", "/api/messages", { ...body, template: { ...body.template, parameters: ["Ana", "1", "extra"] } });
    expect(vars.status).toBe(422);
    expect(vars.json.error.details.issues).toMatchObject([{ path: "body.2", variable: "{{3}}", code: "unexpected" }]);
    expect(vars.json.error.message).toContain("{{3}}");
    expect((await api("token", "POST", "/api/messages", { ...body, template: { ...body.template, name: "no_existe" } })).status).toBe(422);
    expect((await api("token", "POST", "/api/messages", { ...body, replyTo: { queue: "nope" } })).status).toBe(422);
    expect((await api("anonymous", "POST", "/api/messages", body)).status).toBe(401);
    expect((await api("agent", "POST", "/api/messages", body)).status).toBe(403);
    // Nothing was stored under the key: the fixed request goes through with it.
    expect((await api("token", "POST", "/api/messages", body)).status).toBe(201);
  });

  test("replyTo flowId: the reply starts that flow in the notification's conversation", async () => {
    const waId = customerPhone();
    const answer = await api("token", "POST", "/api/messages", { clientKey: `flow-${waId}`, to: `+${waId}`, template: { name: "aviso_envio", language: "es", parameters: ["Eva", "E-5"] }, replyTo: { flowId } });
    expect(answer.status).toBe(201);
    const waiting = await conversationRow(answer.json.conversationId);
    expect(waiting).toMatchObject({ status: "bot", flowState: null });
    expect(waiting.flowVersionId).not.toBeNull();
    await sent(waId, 1);

    await customerSays(waId, "hola");
    const replies = await sent(waId, 2);
    expect(replies[1]!.type).not.toBe("template");
    const [only, ...more] = await conversationsOf(h, waId);
    expect(more).toEqual([]);
    expect(only!.id).toBe(answer.json.conversationId);
    expect(only!.flowState).not.toBeNull();
    expect((await transcript(h, only!.id)).map((m) => `${m.direction}:${m.author}`).slice(0, 3)).toEqual(["outbound:system", "inbound:customer", "outbound:bot"]);
  });

  test('replyTo "none": the notification is recorded in a closed conversation; a reply opens a new one with the channel\'s flow. An open conversation is joined', async () => {
    const waId = customerPhone();
    const answer = await api("token", "POST", "/api/messages", { clientKey: `none-${waId}`, to: `+${waId}`, template: { name: "aviso_envio", language: "es", parameters: ["Leo", "L-7"] } });
    expect(answer.status).toBe(201);
    expect(await conversationRow(answer.json.conversationId)).toMatchObject({ status: "closed", closedReason: "notification" });
    await customerSays(waId, "hola");
    await eventually(async () => (await conversationsOf(h, waId)).length === 2, 30_000, "a new conversation");
    const open = (await conversationsOf(h, waId))[1]!;
    expect(open.status).toBe("bot");

    const joined = await api("token", "POST", "/api/messages", { clientKey: `join-${waId}`, to: `+${waId}`, template: { name: "aviso_envio", language: "es", parameters: ["Leo", "L-8"] }, replyTo: { queue: "ventas" } });
    expect(joined.status).toBe(201);
    expect(joined.json).toMatchObject({ conversationId: open.id, protocol: open.protocol });
    expect(await conversationRow(open.id)).toMatchObject({ status: "bot" });
  });
});

describe("marketing and opt-out", () => {
  test("a MARKETING template to an opted-out contact is 409 with the reason, from the API and the desk; utility templates still go", async () => {
    const waId = customerPhone();
    const [contact] = await h.database.db.insert(contacts).values({ channelId: channel, waId, optedOutAt: new Date(), optOutSource: "keyword" }).returning();
    const promo = await api("token", "POST", "/api/messages", { clientKey: `promo-${waId}`, to: `+${waId}`, template: { name: "promo_mes", language: "es", parameters: ["20 %"] } });
    expect(promo.status).toBe(409);
    expect(promo.json.error.details).toMatchObject({ reason: "opted_out", contactId: contact!.id, source: "keyword" });
    const desk = await api("agent", "POST", "/api/desk/outreach", { phone: `+${waId}`, queueId: queue.soporte, templateId: template.promo_mes, params: { body: ["20 %"] } });
    expect(desk.status).toBe(409);
    expect(desk.json.error.details.reason).toBe("opted_out");
    expect(await h.database.db.select().from(conversations).where(eq(conversations.contactId, contact!.id))).toEqual([]);

    const utility = await api("token", "POST", "/api/messages", { clientKey: `util-${waId}`, to: `+${waId}`, template: { name: "aviso_envio", language: "es", parameters: ["Ana", "U-1"] } });
    expect(utility.status).toBe(201);
    await sent(waId, 1);
    expect((await h.database.db.select().from(conversations).where(eq(conversations.contactId, contact!.id)).orderBy(asc(conversations.openedAt))).length).toBe(1);
  });
});

describe("the flow template step", () => {
  test("sends the approved template with the flow's values; a marketing one skips an opted-out contact; publishing lints unknown templates", async () => {
    const [aviso] = await h.database.db.select().from(messageTemplates).where(eq(messageTemplates.id, template.aviso_envio!));
    const [promo] = await h.database.db.select().from(messageTemplates).where(eq(messageTemplates.id, template.promo_mes!));
    const snapshot = (t: typeof aviso) => ({ id: t!.id, name: t!.name, language: t!.language, category: t!.category, components: t!.components });
    const document = (doc: FlowDocument): FlowDocument => {
      const start = doc.nodes.find((n) => n.type === "start")!;
      return {
        ...doc,
        nodes: [
          start,
          { id: "notice", type: "template", position: { x: 0, y: 100 }, data: { template: snapshot(aviso), body: ["{{contact.name}}", "{{protocol}}"], buttons: [] } },
          { id: "offer", type: "template", position: { x: 0, y: 200 }, data: { template: snapshot(promo), body: ["20 %"], buttons: [] } },
          { id: "bye", type: "end", position: { x: 0, y: 300 }, data: { text: "Fin" } },
        ],
        edges: [
          { id: "e1", source: start.id, target: "notice" },
          { id: "e2", source: "notice", target: "offer", sourceHandle: "default" },
          { id: "e3", source: "offer", target: "bye", sourceHandle: "default" },
          { id: "e4", source: "offer", target: "bye", sourceHandle: "skipped" },
        ],
      } as FlowDocument;
    };
    const base = { schemaVersion: 1, settings: {}, nodes: [{ id: "start", type: "start", position: { x: 0, y: 0 }, data: {} }], edges: [] } as unknown as FlowDocument;
    const clean = await api("admin", "POST", "/api/flows/lint", { document: document(base) });
    expect(clean.status).toBe(200);
    expect(JSON.stringify(clean.json)).not.toContain("template_");
    const unknown = document(base);
    (unknown.nodes[1]!.data as Json).template = { ...snapshot(aviso), name: "no_existe" };
    const refused = await api("admin", "POST", "/api/flows/lint", { document: unknown });
    expect(refused.json.errors).toContainEqual(expect.objectContaining({ code: "template_unknown", nodeId: "notice" }));
    await publishChannelFlow(h, document);

    const waId = customerPhone();
    await h.database.db.insert(contacts).values({ channelId: channel, waId, optedOutAt: new Date(), optOutSource: "keyword" });
    await customerSays(waId, "hola");
    const [notice, bye] = await sent(waId, 2);
    expect(notice!.template).toMatchObject({ name: "aviso_envio", components: [{ type: "body", parameters: [{ type: "text", text: "Cliente Prueba" }, { type: "text", text: expect.stringMatching(/^\d{8}-\d{6}$/) }] }] });
    expect(bye).toMatchObject({ type: "text", text: { body: "Fin" } });
    // The skipped marketing template would have left before "Fin" (a contact's messages leave in order).
    expect(sentTo(waId).map((b) => (b.template as Json | undefined)?.name ?? b.type)).toEqual(["aviso_envio", "text"]);

    const other = customerPhone();
    await customerSays(other, "hola");
    expect((await sent(other, 3)).map((b) => (b.template as Json | undefined)?.name ?? b.type)).toEqual(["aviso_envio", "promo_mes", "text"]);
  });
});

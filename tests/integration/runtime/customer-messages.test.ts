import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels, conversations, inbox, queues, users, workspace } from "@/lib/db/schema";
import { signIn } from "../../support/session";
import { buttonReply, messageEnvelope, textMessage } from "../../support/webhook";
import { conversationsOf, customerPhone, eventually, outboxOf, startHarness, type Harness } from "./harness";
import { ALWAYS_OPEN, NEVER_OPEN } from "../../support/business-hours";

// The texts the platform itself sends customers are workspace settings, in the workspace's
// language (es, pt, en) unless an admin wrote their own — none is hard-coded in the runtime.


type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let h: Harness;
let adminCookie = "";
let agentCookie = "";
let flowId: string | null = null;

beforeAll(async () => {
  // No settings cache: every batch reads the workspace as the test left it.
  h = await startHarness({ env: { RUNTIME_SETTINGS_CACHE_MS: "0" } });
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
  adminCookie = (await signIn(h.app.url, "admin@demo.atendo", "atendo-demo")).cookie;
  agentCookie = (await signIn(h.app.url, "agent@demo.atendo", "atendo-demo")).cookie;
  const [channel] = await h.database.db.select().from(channels).where(eq(channels.phoneNumberId, h.channel.phoneNumberId));
  flowId = channel!.flowId;
});

afterAll(async () => {
  await h?.stop();
});

async function api(cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${h.app.url}${path}`, {
    method,
    // Like the browser: same-origin JSON (cookie mutations are refused otherwise).
    headers: { cookie, origin: new URL(h.app.url).origin, ...(method !== "GET" ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

async function settled(waId: string) {
  await eventually(async () => {
    const [pending] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(inbox).where(sql`${inbox.contactWaId} = ${waId} and ${inbox.status} = 'pending'`);
    const rows = await outboxOf(h, waId);
    return pending!.n === 0 && rows.every((r) => r.status !== "pending");
  }, 45_000, `contact ${waId} settled`);
}

const textsTo = (to: string) => h.graph.accepted(to).map((r) => (r.body!.text as { body: string } | undefined)?.body ?? `[${String(r.body!.type)}]`);

/** A customer writes while the channel has no flow: the runtime hands them to a person. */
async function withoutFlow<T>(run: () => Promise<T>): Promise<T> {
  await h.database.db.update(channels).set({ flowId: null }).where(eq(channels.phoneNumberId, h.channel.phoneNumberId));
  try {
    return await run();
  } finally {
    await h.database.db.update(channels).set({ flowId }).where(eq(channels.phoneNumberId, h.channel.phoneNumberId));
  }
}

async function handedOffCustomer(): Promise<{ from: string; protocol: string; texts: string[] }> {
  const from = customerPhone();
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")))).status).toBe(200);
  await settled(from);
  const [conversation] = await conversationsOf(h, from);
  expect(conversation!.status).toBe("queued");
  return { from, protocol: conversation!.protocol, texts: textsTo(from) };
}

describe("texts sent to customers are workspace messages in the workspace's language", () => {
  test("admins read and edit them; others may not; a handoff text must tell the protocol", async () => {
    const initial = await api(adminCookie, "GET", "/api/desk/customer-messages");
    expect(initial.status).toBe(200);
    expect(initial.json.customerMessages.language).toBe("es");
    expect(initial.json.customerMessages.own).toEqual({ handoff: null, handoffError: null, outsideHours: null });
    expect(initial.json.customerMessages.defaults.pt.handoff).toContain("{{protocol}}");
    expect((await api(agentCookie, "GET", "/api/desk/customer-messages")).status).toBe(403);
    expect((await api(agentCookie, "PUT", "/api/desk/customer-messages", { language: "en" })).status).toBe(403);

    const noProtocol = await api(adminCookie, "PUT", "/api/desk/customer-messages", { language: "es", handoff: "Ya te atendemos." });
    expect(noProtocol.status).toBe(422);
    expect(JSON.stringify(noProtocol.json.error.details)).toMatch(/\{\{protocol\}\}/);
    const badLanguage = await api(adminCookie, "PUT", "/api/desk/customer-messages", { language: "fr" });
    expect(badLanguage.status).toBe(422);
    const [unchanged] = await h.database.db.select().from(workspace);
    expect(unchanged!.defaultLocale).toBe("es");
  });

  test("a flow that cannot run: the customer is told, in the workspace's language, with the protocol", async () => {
    const es = await withoutFlow(handedOffCustomer);
    expect(es.texts).toEqual([`Tuvimos un problema para continuar la conversación automática. Te atenderá una persona en breve. Tu protocolo es ${es.protocol}.`]);

    expect((await api(adminCookie, "PUT", "/api/desk/customer-messages", { language: "pt" })).status).toBe(200);
    const pt = await withoutFlow(handedOffCustomer);
    expect(pt.texts).toEqual([`Tivemos um problema para continuar o atendimento automático. Uma pessoa vai te atender em breve. Seu protocolo é ${pt.protocol}.`]);

    // Outside business hours the default "we are closed" follows, in the same language.
    await h.database.db.update(workspace).set({ businessHours: NEVER_OPEN });
    try {
      const closed = await withoutFlow(handedOffCustomer);
      expect(closed.texts).toEqual([
        `Tivemos um problema para continuar o atendimento automático. Uma pessoa vai te atender em breve. Seu protocolo é ${closed.protocol}.`,
        "Obrigado por escrever. No momento estamos fora do horário de atendimento: um atendente vai te responder assim que voltarmos.",
      ]);
    } finally {
      await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
    }
  });

  test("an admin's own texts replace the defaults at once", async () => {
    const saved = await api(adminCookie, "PUT", "/api/desk/customer-messages", {
      language: "en",
      handoffError: "Sorry {{contact.name}}, something broke. Protocol {{ protocol }}.",
      outsideHours: "We open Monday at 9.",
    });
    expect(saved.status).toBe(200);
    expect(saved.json.customerMessages.own).toEqual({ handoff: null, handoffError: "Sorry {{contact.name}}, something broke. Protocol {{ protocol }}.", outsideHours: "We open Monday at 9." });
    // The business hours settings show the same outside-hours text (one value, two places to see it).
    expect((await api(adminCookie, "GET", "/api/desk/business-hours")).json.hours.outsideHoursMessage).toBe("We open Monday at 9.");

    const from = customerPhone();
    await h.database.db.update(workspace).set({ businessHours: NEVER_OPEN });
    try {
      await withoutFlow(async () => {
        expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hi"), "Ada Lovelace"))).status).toBe(200);
        await settled(from);
      });
    } finally {
      await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
    }
    const [conversation] = await conversationsOf(h, from);
    expect(textsTo(from)).toEqual([`Sorry Ada Lovelace, something broke. Protocol ${conversation!.protocol}.`, "We open Monday at 9."]);

    // Cleared: back to the language's defaults.
    expect((await api(adminCookie, "PUT", "/api/desk/customer-messages", { language: "es", handoffError: "", outsideHours: null })).status).toBe(200);
    const es = await withoutFlow(handedOffCustomer);
    expect(es.texts[0]).toContain(`Tu protocolo es ${es.protocol}`);
  });
});

/** The demo flow, as a customer walks it: each message waits until everything is sent. */
async function say(from: string, message: ReturnType<typeof textMessage>, name = "Marta Díaz") {
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, message, name))).status).toBe(200);
  await settled(from);
}

async function withHours<T>(hours: typeof ALWAYS_OPEN | typeof NEVER_OPEN, run: () => Promise<T>): Promise<T> {
  await h.database.db.update(workspace).set({ businessHours: hours });
  try {
    return await run();
  } finally {
    await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
  }
}

const CLOSED = "Gracias por escribirnos. En este momento estamos fuera del horario de atención: un asesor te responderá apenas volvamos a abrir.";

describe("every path into a queue tells the customer the protocol", () => {
  test("the global keyword 'agente' (no text of its own) says the workspace's notice with the protocol", async () => {
    const from = customerPhone();
    await say(from, textMessage(from, "hola"));
    await say(from, textMessage(from, "agente"));
    const [conversation] = await conversationsOf(h, from);
    expect(conversation!.status).toBe("queued");
    expect(textsTo(from)).toEqual(["[interactive]", `Te atenderá una persona en breve. Tu protocolo es ${conversation!.protocol}.`]);
  });

  test("outside business hours: 'a person will answer' with the protocol, then 'we are closed' — by keyword and by the handoff step", async () => {
    await withHours(NEVER_OPEN, async () => {
      const byKeyword = customerPhone();
      await say(byKeyword, textMessage(byKeyword, "agente"));
      const [k] = await conversationsOf(h, byKeyword);
      expect(textsTo(byKeyword)).toEqual([`Te atenderá una persona en breve. Tu protocolo es ${k!.protocol}.`, CLOSED]);

      const byStep = customerPhone();
      await say(byStep, textMessage(byStep, "hola"));
      await say(byStep, buttonReply(byStep, "asesor", "Hablar con asesor"));
      const [s] = await conversationsOf(h, byStep);
      expect(s!.status).toBe("queued");
      // The demo's handoff step has an outside-hours text, said instead of its usual one.
      expect(textsTo(byStep)).toEqual(["[interactive]", `Te atenderá una persona apenas abramos. Tu protocolo es ${s!.protocol}.`, CLOSED]);
    });
  });
});

describe("a returning customer who quotes one of their own protocols", () => {
  /** A customer whose earlier conversation was served in "ventas" by Alicia (agent@demo.atendo). */
  async function servedBefore() {
    const from = customerPhone();
    await say(from, textMessage(from, "hola"));
    await say(from, buttonReply(from, "asesor", "Hablar con asesor"));
    const [earlier] = await conversationsOf(h, from);
    const [ventas] = await h.database.db.select().from(queues).where(eq(queues.slug, "ventas"));
    const [alicia] = await h.database.db.select().from(users).where(eq(users.email, "agent@demo.atendo"));
    await h.database.db
      .update(conversations)
      .set({ status: "closed", closedAt: new Date(), closedReason: "resolved", queueId: ventas!.id, assigneeId: alicia!.id })
      .where(eq(conversations.id, earlier!.id));
    return { from, earlier: earlier!, ventas: ventas!, alicia: alicia! };
  }

  test("is offered to continue the case, and goes back to its queue and to the agent who served it when available", async () => {
    const { from, earlier, ventas, alicia } = await servedBefore();
    // Online as the desk's heartbeat leaves an agent: with a fresh last-seen time, or the app's
    // assigner (every few seconds) marks her offline as a stale session before the customer answers.
    await h.database.db.update(users).set({ presence: "online", lastSeenAt: new Date() }).where(eq(users.id, alicia.id));
    const before = textsTo(from).length;
    await say(from, textMessage(from, `Hola, mi protocolo es ${earlier.protocol}`));
    const offer = h.graph.accepted(from).at(-1)!.body as { interactive: { body: { text: string } } };
    expect(offer.interactive.body.text).toBe(`¡Hola de nuevo, Marta Díaz! Escribes por el protocolo ${earlier.protocol}. ¿Seguimos con ese caso?`);
    await say(from, buttonReply(from, "continuar", "Seguir ese caso"));
    const [, next] = await conversationsOf(h, from);
    expect(next).toMatchObject({ status: "assigned", queueId: ventas.id, assigneeId: alicia.id, linkedConversationId: earlier.id });
    expect(textsTo(from).slice(before)).toEqual([
      "[interactive]",
      `Retomamos tu caso ${earlier.protocol}: te atenderá una persona en breve. Tu nuevo protocolo es ${next!.protocol}.`,
    ]);
  });

  test("waits in that queue when the agent is not available", async () => {
    const { from, earlier, ventas, alicia } = await servedBefore();
    await h.database.db.update(users).set({ presence: "offline" }).where(eq(users.id, alicia.id));
    try {
      await say(from, textMessage(from, `mi protocolo es ${earlier.protocol}`));
      await say(from, buttonReply(from, "continuar", "Seguir ese caso"));
      const [, next] = await conversationsOf(h, from);
      expect(next).toMatchObject({ status: "queued", queueId: ventas.id, assigneeId: null });
    } finally {
      await h.database.db.update(users).set({ presence: "online", lastSeenAt: new Date() }).where(eq(users.id, alicia.id));
    }
  });

  test("somebody else's protocol is not theirs: no offer, no link", async () => {
    const { earlier } = await servedBefore();
    const stranger = customerPhone();
    await say(stranger, textMessage(stranger, `hola, protocolo ${earlier.protocol}`));
    const [conversation] = await conversationsOf(h, stranger);
    expect(conversation!.linkedConversationId).toBeNull();
    const welcome = h.graph.accepted(stranger)[0]!.body as { interactive: { body: { text: string } } };
    expect(welcome.interactive.body.text).toMatch(/Soy el asistente virtual de Tienda Aurora/);
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inbox, messages, statusEvents } from "@/lib/db/schema";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";

/**
 * The sandbox end to end through the production path: simulator → signed webhook → the real
 * webhook route → inbox → worker → demo flow → outbox → sender → the sandbox's fake Graph
 * API → simulator, with statuses flowing back the same way.
 */
let database: TestDatabase;
let app: AppServer;
let cookie: string;
const PHONE = "5511976543210";

async function send(message: object, replyTo?: string) {
  const res = await fetch(`${app.url}/api/sandbox/send`, {
    method: "POST",
    headers: { ...browserHeaders(app.url, cookie), "content-type": "application/json" },
    body: JSON.stringify({ phone: PHONE, name: "Lucía Herrera", message, ...(replyTo ? { replyTo } : {}) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { message: { id: string }; webhook: { ok: boolean; status: number; error?: string } };
}

async function chat() {
  const res = await fetch(`${app.url}/api/sandbox/conversations?phone=${PHONE}`, { headers: { cookie } });
  return ((await res.json()) as { conversation: { messages: any[] } }).conversation.messages;
}

async function waitForChat(match: (messages: any[]) => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await chat();
    if (match(messages)) return messages;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; chat:\n${JSON.stringify(messages, null, 1)}\nserver:\n${app.logs().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
  const session = await signIn(app.url, "agent@demo.atendo", "atendo-demo");
  expect(session.ok).toBe(true);
  cookie = session.cookie;
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe("the simulator against the real webhook route", () => {
  test("the webhook route accepts the simulator's signed message and stores it in the inbox", async () => {
    const { message, webhook } = await send({ type: "text", text: "hola" });
    expect(webhook).toEqual({ ok: true, status: 200 });
    const rows = await database.db.select().from(inbox).where(eq(inbox.waMessageId, message.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ contactWaId: PHONE, contactName: "Lucía Herrera", type: "text" });
  });

  test("the demo flow answers through the fake Graph API, and ticks and statuses flow both ways", async () => {
    const welcome = await waitForChat((m) => m.some((x) => x.kind === "buttons"), "the welcome buttons");
    const buttons = welcome.find((x) => x.kind === "buttons");
    expect(buttons.buttons.map((b: any) => b.title)).toEqual(["Mis pedidos", "Horarios y tiendas", "Hablar con asesor"]);
    // The app marked the customer's "hola" read: blue ticks.
    await waitForChat((m) => m.find((x) => x.from === "customer")?.status === "read", "the customer's message to be read");

    await send({ type: "button_reply", id: "pedidos", title: "Mis pedidos" }, buttons.id);
    const withList = await waitForChat((m) => m.some((x) => x.kind === "list"), "the topics list");
    const list = withList.find((x) => x.kind === "list");
    expect(list.list.sections[0].rows.map((r: any) => r.title)).toContain("Estado de mi pedido");

    await send({ type: "list_reply", id: "estado", title: "Estado de mi pedido" }, list.id);
    await waitForChat((m) => m.at(-1)?.from === "business" && /número de pedido/.test(m.at(-1).text), "the order-number question");

    await send({ type: "text", text: "48213" });
    const final = await waitForChat((m) => m.some((x) => x.from === "business" && /\d{8}-\d{6}/.test(x.text)), "the handoff message with a protocol");
    expect(final.some((x) => x.from === "business" && /48213/.test(x.text))).toBe(true);

    // The sandbox reported sent/delivered for the bot's first reply; the app applied them.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [reply] = await database.db.select().from(messages).where(and(eq(messages.waMessageId, buttons.id)));
      if (reply && ["delivered", "read"].includes(reply.deliveryStatus ?? "")) break;
      if (Date.now() > deadline) throw new Error(`the welcome message's delivery status is ${reply?.deliveryStatus}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    const events = await database.db.select().from(statusEvents).where(eq(statusEvents.waMessageId, buttons.id));
    expect(events.map((e) => e.status)).toEqual(expect.arrayContaining(["sent", "delivered"]));
  });
});

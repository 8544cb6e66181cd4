import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels } from "@/lib/db/schema";
import { channelSecrets, SANDBOX_PHONE_NUMBER_ID, type ChannelRow } from "@/lib/channels/credentials";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";
import { messagesOf, startWebhookCapture, validSignature } from "./webhook-capture";

const SERVER_SECRET = "test-secret-test-secret-test-secret";
process.env.NEXTAUTH_SECRET = SERVER_SECRET;

let database: TestDatabase;
let app: AppServer;
let capture: Awaited<ReturnType<typeof startWebhookCapture>>;
let secrets: ReturnType<typeof channelSecrets>;
let cookie: string;

function send(body: unknown, as = cookie) {
  return fetch(`${app.url}/api/sandbox/send`, { method: "POST", headers: { ...browserHeaders(app.url, as), "content-type": "application/json" }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  database = await createTestDatabase();
  capture = await startWebhookCapture();
  app = await startAppServer({
    databaseUrl: database.url,
    pgliteDir: database.dataDir,
    env: { SEED_DEMO: "1", NEXTAUTH_SECRET: SERVER_SECRET, SANDBOX_WEBHOOK_URL: capture.url },
  });
  const [channel] = (await database.db.select().from(channels).where(eq(channels.phoneNumberId, SANDBOX_PHONE_NUMBER_ID))) as [ChannelRow];
  secrets = channelSecrets(channel);
  const session = await signIn(app.url, "editor@demo.atendo", "atendo-demo");
  expect(session.ok).toBe(true);
  cookie = session.cookie;
});

afterAll(async () => {
  await app?.stop();
  await capture?.close();
  await database?.drop();
});

describe("the simulator playing a customer", () => {
  test("posts a text as a signed webhook exactly in Meta's shape", async () => {
    const res = await send({ phone: "5511987654321", name: "João Araújo", message: { type: "text", text: "Olá, ¿tienen envíos? 📦" } });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as any;
    expect(answer.webhook).toEqual({ ok: true, status: 200 });
    expect(answer.message).toMatchObject({ from: "customer", kind: "text", text: "Olá, ¿tienen envíos? 📦", status: "sent" });

    const webhook = await capture.waitFor((w) => messagesOf(w).some((m) => m.id === answer.message.id));
    expect(validSignature(webhook, secrets.appSecret)).toBe(true);
    // Like Meta: non-ASCII escaped as \uXXXX, so a receiver that re-serializes before hashing fails.
    expect(webhook.raw).toContain("\\u00e3");
    expect(webhook.raw).not.toContain("ã");
    expect(webhook.json).toEqual({
      object: "whatsapp_business_account",
      entry: [
        {
          id: expect.stringMatching(/^\d+$/),
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550100100", phone_number_id: SANDBOX_PHONE_NUMBER_ID },
                contacts: [{ profile: { name: "João Araújo" }, wa_id: "5511987654321" }],
                messages: [
                  {
                    from: "5511987654321",
                    id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/=]+$/),
                    timestamp: expect.stringMatching(/^\d{10}$/),
                    type: "text",
                    text: { body: "Olá, ¿tienen envíos? 📦" },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  test("a tapped button and a picked list row carry their reply and the context of the business message", async () => {
    const button = (await (await send({ phone: "5511987654321", name: "João Araújo", message: { type: "button_reply", id: "pedidos", title: "Mis pedidos" }, replyTo: "wamid.OUT1" })).json()) as any;
    const row = (await (await send({ phone: "5511987654321", name: "João Araújo", message: { type: "list_reply", id: "estado", title: "Estado de mi pedido", description: "Dónde está mi compra" }, replyTo: "wamid.OUT2" })).json()) as any;
    const [b] = messagesOf(await capture.waitFor((w) => messagesOf(w).some((m) => m.id === button.message.id)));
    const [l] = messagesOf(await capture.waitFor((w) => messagesOf(w).some((m) => m.id === row.message.id)));
    expect(b).toMatchObject({ context: { from: "15550100100", id: "wamid.OUT1" }, type: "interactive", interactive: { type: "button_reply", button_reply: { id: "pedidos", title: "Mis pedidos" } } });
    expect(l).toMatchObject({ context: { id: "wamid.OUT2" }, type: "interactive", interactive: { type: "list_reply", list_reply: { id: "estado", title: "Estado de mi pedido", description: "Dónde está mi compra" } } });
  });

  test("images, locations and stickers are sent as Meta sends them (to test unsupported input)", async () => {
    for (const message of [{ type: "image", caption: "Foto" }, { type: "location", latitude: -23.56, longitude: -46.65, name: "Av. Paulista" }, { type: "sticker" }]) {
      const answer = (await (await send({ phone: "573001234567", name: "Camila Rocha", message })).json()) as any;
      const [m] = messagesOf(await capture.waitFor((w) => messagesOf(w).some((x) => x.id === answer.message.id)));
      expect(m.type).toBe(message.type);
      if (message.type === "image") expect(m.image).toMatchObject({ caption: "Foto", mime_type: "image/jpeg", id: expect.any(String), sha256: expect.any(String) });
      if (message.type === "location") expect(m.location).toEqual({ latitude: -23.56, longitude: -46.65, name: "Av. Paulista" });
      if (message.type === "sticker") expect(m.sticker).toMatchObject({ mime_type: "image/webp", id: expect.any(String) });
    }
  });

  test("a webhook that refuses the message shows as failed, with the reason", async () => {
    capture.answer(401);
    try {
      const res = await send({ phone: "56987654321", name: "Diego Torres", message: { type: "text", text: "hola" } });
      expect(res.status).toBe(200);
      const answer = (await res.json()) as any;
      expect(answer.webhook).toMatchObject({ ok: false, status: 401, error: expect.stringContaining("Invalid signature") });
      const chat = (await (await fetch(`${app.url}/api/sandbox/conversations?phone=56987654321`, { headers: { cookie } })).json()) as any;
      expect(chat.conversation.messages.at(-1)).toMatchObject({ status: "failed", error: expect.stringContaining("401") });
    } finally {
      capture.answer(200);
    }
  });

  test("lists the simulated customers with their last message", async () => {
    const res = await fetch(`${app.url}/api/sandbox/conversations`, { headers: { cookie } });
    const { conversations } = (await res.json()) as any;
    expect(conversations[0]).toMatchObject({ phone: "56987654321", name: "Diego Torres", lastText: "hola", lastFrom: "customer" });
    expect(conversations.map((c: any) => c.phone)).toEqual(expect.arrayContaining(["5511987654321", "573001234567"]));
  });

  test("bad input is refused before anything is posted", async () => {
    const before = capture.received.length;
    for (const body of [
      { phone: "+55 11", name: "X", message: { type: "text", text: "hola" } },
      { phone: "5511987654321", name: "", message: { type: "text", text: "hola" } },
      { phone: "5511987654321", name: "X", message: { type: "text", text: "   " } },
      { phone: "5511987654321", name: "X", message: { type: "button_reply", id: "a", title: "x".repeat(21) } },
    ]) {
      expect((await send(body)).status).toBe(422);
    }
    expect(capture.received.length).toBe(before);
  });

  test("needs a signed-in user", async () => {
    const res = await fetch(`${app.url}/api/sandbox/send`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ phone: "5511987654321", name: "X", message: { type: "text", text: "hola" } }) });
    expect(res.status).toBe(401);
  });
});

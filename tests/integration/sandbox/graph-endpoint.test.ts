import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels, sandboxMessages } from "@/lib/db/schema";
import { channelSecrets, sandboxSecrets, sealSecrets, SANDBOX_PHONE_NUMBER_ID, type ChannelRow } from "@/lib/channels/credentials";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";
import { startWebhookCapture, statusesOf, validSignature } from "./webhook-capture";

// The test process opens the channel's sealed secrets with the same key as the server.
const SERVER_SECRET = "test-secret-test-secret-test-secret";
process.env.NEXTAUTH_SECRET = SERVER_SECRET;

const CUSTOMER = "5511987654321";

let database: TestDatabase;
let app: AppServer;
let capture: Awaited<ReturnType<typeof startWebhookCapture>>;
let channel: ChannelRow;
let secrets: ReturnType<typeof channelSecrets>;
let agentCookie: string;

function graph(body: unknown, options: { token?: string | null; phoneNumberId?: string } = {}) {
  const token = options.token === undefined ? secrets.accessToken : options.token;
  return fetch(`${app.url}/api/sandbox/graph/${options.phoneNumberId ?? SANDBOX_PHONE_NUMBER_ID}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const base = { messaging_product: "whatsapp", recipient_type: "individual", to: CUSTOMER };
const reply = (id: string, title: string) => ({ type: "reply", reply: { id, title } });
const buttons = (list: unknown[]) => ({ ...base, type: "interactive", interactive: { type: "button", body: { text: "¿En qué te ayudamos?" }, action: { buttons: list } } });
const rows = (n: number, row: (i: number) => object = (i) => ({ id: `r${i}`, title: `Opción ${i}` })) => Array.from({ length: n }, (_, i) => row(i));
const list = (sections: unknown[], button = "Ver temas") => ({ ...base, type: "interactive", interactive: { type: "list", body: { text: "Elige un tema" }, action: { button, sections } } });

async function conversation(phone = CUSTOMER) {
  const res = await fetch(`${app.url}/api/sandbox/conversations?phone=${phone}`, { headers: { cookie: agentCookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { conversation: { messages: any[]; typing: boolean } }).conversation;
}

beforeAll(async () => {
  database = await createTestDatabase();
  capture = await startWebhookCapture();
  app = await startAppServer({
    databaseUrl: database.url,
    pgliteDir: database.dataDir,
    env: { SEED_DEMO: "1", NEXTAUTH_SECRET: SERVER_SECRET, SANDBOX_WEBHOOK_URL: capture.url, SANDBOX_SENT_AFTER_MS: "30", SANDBOX_DELIVERED_AFTER_MS: "30" },
  });
  [channel] = (await database.db.select().from(channels).where(eq(channels.phoneNumberId, SANDBOX_PHONE_NUMBER_ID))) as [ChannelRow];
  secrets = channelSecrets(channel);
  const session = await signIn(app.url, "agent@demo.atendo", "atendo-demo");
  expect(session.ok).toBe(true);
  agentCookie = session.cookie;
});

afterAll(async () => {
  await app?.stop();
  await capture?.close();
  await database?.drop();
});

describe("the sandbox's fake Graph API", () => {
  test("accepts a valid message with the real success shape and shows it in the simulator", async () => {
    const res = await graph({ ...base, type: "text", text: { body: "¡Hola! Soy el asistente de Tienda Aurora 👋", preview_url: false } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toEqual({ messaging_product: "whatsapp", contacts: [{ input: CUSTOMER, wa_id: CUSTOMER }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });

    const [row] = await database.db.select().from(sandboxMessages).where(eq(sandboxMessages.waMessageId, body.messages[0].id));
    expect(row).toMatchObject({ phoneNumberId: SANDBOX_PHONE_NUMBER_ID, to: CUSTOMER, direction: "outbound" });

    const chat = await conversation();
    expect(chat.messages.at(-1)).toMatchObject({ id: body.messages[0].id, from: "business", kind: "text", text: "¡Hola! Soy el asistente de Tienda Aurora 👋" });
  });

  test("shows buttons and lists the way the simulator renders them", async () => {
    const withButtons = await graph(buttons([reply("pedidos", "Mis pedidos"), reply("asesor", "Hablar con asesor")]));
    expect(withButtons.status).toBe(200);
    const withList = await graph(list([{ title: "Pedidos", rows: [{ id: "estado", title: "Estado de mi pedido", description: "Dónde está mi compra" }] }]));
    expect(withList.status).toBe(200);
    const [b, l] = (await conversation()).messages.slice(-2);
    expect(b).toMatchObject({ kind: "buttons", text: "¿En qué te ayudamos?", buttons: [{ id: "pedidos", title: "Mis pedidos" }, { id: "asesor", title: "Hablar con asesor" }] });
    expect(l).toMatchObject({ kind: "list", list: { buttonLabel: "Ver temas", sections: [{ title: "Pedidos", rows: [{ id: "estado", title: "Estado de mi pedido", description: "Dónde está mi compra" }] }] } });
  });

  const invalid: [string, unknown, RegExp][] = [
    ["a 4th button", buttons([reply("a", "Uno"), reply("b", "Dos"), reply("c", "Tres"), reply("d", "Cuatro")]), /buttons count/i],
    ["no button", buttons([]), /buttons count/i],
    ["a 21-character button title", buttons([reply("a", "x".repeat(21))]), /between 1 and 20/],
    ["duplicate button titles", buttons([reply("a", "Ventas"), reply("b", "ventas")]), /duplicate button title/i],
    ["11 list rows", list([{ rows: rows(11) }]), /max allowed rows/i],
    ["11 rows across sections", list([{ title: "A", rows: rows(6) }, { title: "B", rows: rows(5, (i) => ({ id: `b${i}`, title: `B ${i}` })) }]), /max allowed rows/i],
    ["a 25-character row title", list([{ rows: [{ id: "r", title: "y".repeat(25) }] }]), /between 1 and 24/],
    ["a 73-character row description", list([{ rows: [{ id: "r", title: "Fila", description: "z".repeat(73) }] }]), /at most 72/],
    ["untitled sections when there are several", list([{ rows: rows(1) }, { rows: [{ id: "x", title: "X" }] }]), /title/],
    ["a 21-character list button", list([{ rows: rows(1) }], "b".repeat(21)), /between 1 and 20/],
    ["a button body over 1024 characters", { ...buttons([reply("a", "Uno")]), interactive: { type: "button", body: { text: "x".repeat(1025) }, action: { buttons: [reply("a", "Uno")] } } }, /between 1 and 1024/],
    ["an empty text body", { ...base, type: "text", text: { body: "" } }, /text\['body'\]/],
    ["a text over 4096 characters", { ...base, type: "text", text: { body: "x".repeat(4097) } }, /between 1 and 4096/],
    ["no messaging_product", { to: CUSTOMER, type: "text", text: { body: "hola" } }, /messaging_product/],
    ["no recipient", { messaging_product: "whatsapp", type: "text", text: { body: "hola" } }, /parameter to/],
    ["an unknown type", { ...base, type: "hologram", hologram: {} }, /type must be one of/],
    ["an image without a link or id", { ...base, type: "image", image: { caption: "x" } }, /link' or 'id'/],
    ["a caption on audio", { ...base, type: "audio", audio: { link: "https://example.com/a.ogg", caption: "x" } }, /caption/],
  ];

  test.each(invalid)("refuses %s with error 100 in Graph's shape", async (_name, body, details) => {
    const before = await database.db.select().from(sandboxMessages);
    const res = await graph(body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as any;
    expect(error).toMatchObject({ type: "OAuthException", code: 100, error_data: { messaging_product: "whatsapp" }, fbtrace_id: expect.any(String) });
    expect(error.message).toContain("(#100)");
    expect(error.error_data.details).toMatch(details);
    expect(await database.db.select().from(sandboxMessages)).toHaveLength(before.length);
  });

  test("refuses malformed JSON with error 100", async () => {
    const res = await graph("{not json");
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe(100);
  });

  test("a wrong or missing access token gets 401 with OAuthException 190, and nothing is stored", async () => {
    const before = (await database.db.select().from(sandboxMessages)).length;
    for (const token of [`${secrets.accessToken}x`, "sandbox-guess", null]) {
      const res = await graph({ ...base, type: "text", text: { body: "hola" } }, { token });
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).error).toMatchObject({ type: "OAuthException", code: 190 });
    }
    expect(await database.db.select().from(sandboxMessages)).toHaveLength(before);
  });

  /**
   * POSTs a chunked body (no Content-Length) that never ends: the chunks go out, then the
   * client waits for the answer without finishing the request. Only a server that answers
   * without reading the whole body can answer at all.
   */
  function unfinishedChunkedPost(token: string | null, chunks: Buffer[]): Promise<{ status: number; body: any; sent: number }> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${app.url}/api/sandbox/graph/${SANDBOX_PHONE_NUMBER_ID}/messages`);
      let sent = 0;
      const req = http.request(url, {
        method: "POST",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      req.on("response", (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString("utf8") || "null"), sent });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      void (async () => {
        for (const chunk of chunks) {
          if (req.destroyed) return;
          // Backpressure: a server that stops reading stops us too (no end() in any case).
          if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
          sent += chunk.length;
        }
      })();
    });
  }

  test("an anonymous chunked body is refused with 401 before it is read (the answer comes while the client is still sending)", async () => {
    const before = (await database.db.select().from(sandboxMessages)).length;
    const res = await unfinishedChunkedPost(null, [Buffer.from(`{"messaging_product":"whatsapp","to":"${CUSTOMER}","type":"text","text":{"body":"`), Buffer.alloc(64 * 1024, "a")]);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ type: "OAuthException", code: 190 });
    const wrongToken = await unfinishedChunkedPost(`${secrets.accessToken}x`, [Buffer.alloc(64 * 1024, "a")]);
    expect(wrongToken.status).toBe(401);
    expect(await database.db.select().from(sandboxMessages)).toHaveLength(before);
  });

  test("an authenticated chunked body is cut at the cap while streaming: 413 before the client has finished", async () => {
    const before = (await database.db.select().from(sandboxMessages)).length;
    // 320 KiB (the cap is 256 KiB), and the request never ends.
    const res = await unfinishedChunkedPost(secrets.accessToken, Array.from({ length: 20 }, () => Buffer.alloc(16 * 1024, "a")));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining("larger than") } });
    expect(await database.db.select().from(sandboxMessages)).toHaveLength(before);
    // A body just under the cap is read and judged as usual.
    expect((await graph({ ...base, type: "text", text: { body: "a".repeat(4096) } })).status).toBe(200);
  });

  test("a NUL byte in the phone number id or the body is answered in Graph's shape, not with 500", async () => {
    expect((await graph({ ...base, type: "text", text: { body: "hola" } }, { phoneNumberId: "%00" })).status).toBe(404);
    const res = await graph({ ...base, type: "text", text: { body: "ho\u0000la" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining("U+0000") } });
  });

  test("unknown and non-sandbox phone numbers are not found", async () => {
    const real = sandboxSecrets();
    await database.db.insert(channels).values({ name: "Real", phoneNumberId: "200000000000002", displayNumber: "+55 11 4000-0000", sandbox: false, ...sealSecrets(real) });
    expect((await graph({ ...base, type: "text", text: { body: "hola" } }, { phoneNumberId: "999999999999999" })).status).toBe(404);
    const res = await graph({ ...base, type: "text", text: { body: "hola" } }, { phoneNumberId: "200000000000002", token: real.accessToken });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe(100);
  });

  test("reports sent, then delivered, as status webhooks signed with the channel's app secret", async () => {
    const res = await graph({ ...base, type: "text", text: { body: "¿Algo más?" } });
    const wamid = ((await res.json()) as any).messages[0].id as string;
    const sent = await capture.waitFor((w) => statusesOf(w).some((s) => s.id === wamid && s.status === "sent"));
    const delivered = await capture.waitFor((w) => statusesOf(w).some((s) => s.id === wamid && s.status === "delivered"));
    expect(capture.received.indexOf(sent)).toBeLessThan(capture.received.indexOf(delivered));
    for (const webhook of [sent, delivered]) {
      expect(validSignature(webhook, secrets.appSecret)).toBe(true);
      expect(validSignature(webhook, "another-secret")).toBe(false);
      expect(webhook.json).toMatchObject({
        object: "whatsapp_business_account",
        entry: [{ id: expect.any(String), changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550100100", phone_number_id: SANDBOX_PHONE_NUMBER_ID } } }] }],
      });
    }
    expect(statusesOf(sent)[0]).toMatchObject({ id: wamid, status: "sent", recipient_id: CUSTOMER, timestamp: expect.stringMatching(/^\d{10}$/), conversation: { origin: { type: "service" } } });
  });

  test("the simulator showing the chat reports the business's messages as read", async () => {
    const res = await graph({ ...base, to: "5215512345678", type: "text", text: { body: "Gracias por escribirnos" } });
    const wamid = ((await res.json()) as any).messages[0].id as string;
    const read = await fetch(`${app.url}/api/sandbox/read`, { method: "POST", headers: { ...browserHeaders(app.url, agentCookie), "content-type": "application/json" }, body: JSON.stringify({ phone: "5215512345678" }) });
    expect(((await read.json()) as any).read).toBe(1);
    const webhook = await capture.waitFor((w) => statusesOf(w).some((s) => s.id === wamid && s.status === "read"));
    expect(validSignature(webhook, secrets.appSecret)).toBe(true);
    // Never backwards: a later "delivered" is not reported after "read". A message sent now has
    // its "delivered" reported after the first message's turn for it came, so once the marker's
    // arrives, the first message's would have too.
    const marker = await graph({ ...base, to: "5215500000999", type: "text", text: { body: "marcador" } });
    const markerId = ((await marker.json()) as any).messages[0].id as string;
    await capture.waitFor((w) => statusesOf(w).some((s) => s.id === markerId && s.status === "delivered"));
    const reported = capture.received.flatMap(statusesOf).filter((s) => s.id === wamid).map((s) => s.status);
    expect(reported.at(-1)).toBe("read");
  });

  test("mark-as-read answers {success: true} and turns the customer's ticks blue", async () => {
    const phone = "5491123456789";
    const send = await fetch(`${app.url}/api/sandbox/send`, {
      method: "POST",
      headers: { ...browserHeaders(app.url, agentCookie), "content-type": "application/json" },
      body: JSON.stringify({ phone, name: "Martina Gómez", message: { type: "text", text: "hola" } }),
    });
    const sent = (await send.json()) as any;
    expect(sent.message).toMatchObject({ from: "customer", status: "sent", text: "hola" });

    const res = await graph({ messaging_product: "whatsapp", status: "read", message_id: sent.message.id, typing_indicator: { type: "text" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    const chat = await conversation(phone);
    expect(chat.messages.at(-1)).toMatchObject({ id: sent.message.id, status: "read" });
    expect(chat.typing).toBe(true);

    // An id the sandbox never saw is not an error, like the real API.
    expect((await graph({ messaging_product: "whatsapp", status: "read", message_id: "wamid.unknown" })).status).toBe(200);
  });
});

import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels } from "@/lib/db/schema";
import { channelSecrets, SANDBOX_PHONE_NUMBER_ID, type ChannelRow } from "@/lib/channels/credentials";
import { putSandboxMedia } from "@/lib/sandbox/media-store";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";
import { messagesOf, startWebhookCapture, validSignature } from "./webhook-capture";

// The sandbox's Graph media endpoints and the simulator's file upload, against the production
// build: what the app's media fetcher and outbox meet in the sandbox, and what a browser may send.

const SERVER_SECRET = "test-secret-test-secret-test-secret";
process.env.NEXTAUTH_SECRET = SERVER_SECRET;

const CUSTOMER = "5511955550001";
const STORE = path.resolve(import.meta.dirname, "../../../.data/media/sandbox");
const MB = 1024 * 1024;

/** A real 1×1 PNG: the sandbox does not decode files, but the bytes are honest anyway. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

let database: TestDatabase;
let app: AppServer;
let capture: Awaited<ReturnType<typeof startWebhookCapture>>;
let secrets: ReturnType<typeof channelSecrets>;
let cookie: string;

const b64sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("base64");
const storedFiles = async () => (await readdir(STORE).catch(() => [] as string[])).sort();

function upload(fields: Record<string, string>, file?: { bytes: Buffer; type: string; name: string }, headers: Record<string, string> = browserHeaders(app.url, cookie)) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ phone: CUSTOMER, name: "Marta Pinto", ...fields })) form.set(k, v);
  if (file) form.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return fetch(`${app.url}/api/sandbox/media`, { method: "POST", headers, body: form });
}

function graphGet(url: string, token: string | null = secrets.accessToken) {
  return fetch(url, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

function graphUpload(file: { bytes: Buffer; type: string; name: string } | null, options: { token?: string | null; fields?: Record<string, string> } = {}) {
  const token = options.token === undefined ? secrets.accessToken : options.token;
  const form = new FormData();
  for (const [k, v] of Object.entries(options.fields ?? { messaging_product: "whatsapp", type: file?.type ?? "" })) form.set(k, v);
  if (file) form.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return fetch(`${app.url}/api/sandbox/graph/${SANDBOX_PHONE_NUMBER_ID}/media`, { method: "POST", headers: token === null ? {} : { authorization: `Bearer ${token}` }, body: form });
}

async function sentMessage(id: string) {
  const webhook = await capture.waitFor((w) => messagesOf(w).some((m) => m.id === id));
  expect(validSignature(webhook, secrets.appSecret)).toBe(true);
  return messagesOf(webhook).find((m) => m.id === id)!;
}

async function simulatorChat() {
  const res = await fetch(`${app.url}/api/sandbox/conversations?phone=${CUSTOMER}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { conversation: { messages: any[] } }).conversation.messages;
}

beforeAll(async () => {
  database = await createTestDatabase();
  capture = await startWebhookCapture();
  app = await startAppServer({
    databaseUrl: database.url,
    pgliteDir: database.dataDir,
    env: { SEED_DEMO: "1", NEXTAUTH_SECRET: SERVER_SECRET, SANDBOX_WEBHOOK_URL: capture.url, SANDBOX_SENT_AFTER_MS: "30", SANDBOX_DELIVERED_AFTER_MS: "30" },
  });
  const [channel] = (await database.db.select().from(channels).where(eq(channels.phoneNumberId, SANDBOX_PHONE_NUMBER_ID))) as [ChannelRow];
  secrets = channelSecrets(channel);
  const session = await signIn(app.url, "agent@demo.atendo", "atendo-demo");
  expect(session.ok).toBe(true);
  cookie = session.cookie;
});

afterAll(async () => {
  await app?.stop();
  await capture?.close();
  await database?.drop();
});

describe("the simulated customer sends a file", () => {
  test("a photo travels as Meta's signed image webhook and downloads through GET /{media-id} like Meta's", async () => {
    const res = await upload({ caption: "La caja llegó rota" }, { bytes: PNG, type: "image/png", name: "caja.png" });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as any;
    expect(answer.webhook).toEqual({ ok: true, status: 200 });

    const message = await sentMessage(answer.message.id);
    expect(message).toMatchObject({ from: CUSTOMER, type: "image", image: { caption: "La caja llegó rota", mime_type: "image/png", sha256: b64sha(PNG), id: expect.stringMatching(/^\d{16}$/) } });
    const mediaId = message.image.id as string;

    const meta = await graphGet(`${app.url}/api/sandbox/graph/${mediaId}`);
    expect(meta.status).toBe(200);
    const body = (await meta.json()) as any;
    expect(body).toEqual({ messaging_product: "whatsapp", url: expect.stringContaining(`/api/sandbox/lookaside/${mediaId}?`), mime_type: "image/png", sha256: b64sha(PNG), file_size: PNG.length, id: mediaId });

    const file = await graphGet(body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

    // The url needs the token too, and its signature cannot be forged or moved to another id.
    expect((await graphGet(body.url, null)).status).toBe(401);
    expect((await graphGet(body.url, "not-the-token")).status).toBe(401);
    const forged = (await graphGet(body.url.replace(/signature=[^&]+/, "signature=forged"))) as Response;
    expect(forged.status).toBe(404);
    expect(((await forged.json()) as any).error).toMatchObject({ code: 100 });

    // The simulator shows the customer's photo from the sandbox's store.
    const bubble = (await simulatorChat()).find((m) => m.id === answer.message.id);
    expect(bubble).toMatchObject({ kind: "media", text: "La caja llegó rota", media: { kind: "image", url: `/api/sandbox/media/${mediaId}`, mimeType: "image/png", size: PNG.length } });
    const shown = await fetch(`${app.url}${bubble.media.url}`, { headers: { cookie } });
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-disposition")).toBe("inline");
    expect(shown.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("a PDF keeps its file name, is a download in the simulator and serves byte ranges", async () => {
    const res = await upload({}, { bytes: PDF, type: "application/pdf", name: "factura 0042.pdf" });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as any;
    const message = await sentMessage(answer.message.id);
    expect(message.document).toMatchObject({ filename: "factura 0042.pdf", mime_type: "application/pdf", sha256: b64sha(PDF) });
    expect(message.document.caption).toBeUndefined();

    const url = `${app.url}/api/sandbox/media/${message.document.id}`;
    const whole = await fetch(url, { headers: { cookie } });
    expect(whole.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''factura%200042.pdf");
    const part = await fetch(url, { headers: { cookie, range: "bytes=0-3" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-3/${PDF.length}`);
    expect(await part.text()).toBe("%PDF");
    // Signed-out visitors see nothing.
    expect((await fetch(url)).status).toBe(401);
  });

  test("a recorded audio is a voice note, without a caption", async () => {
    const ogg = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(60)]);
    const res = await upload({ voice: "true" }, { bytes: ogg, type: "audio/ogg", name: "nota.ogg" });
    expect(res.status).toBe(200);
    const message = await sentMessage(((await res.json()) as any).message.id);
    expect(message.audio).toMatchObject({ mime_type: "audio/ogg", voice: true });
  });

  const refusals: [string, Record<string, string>, { bytes: Buffer; type: string; name: string } | undefined, number, RegExp][] = [
    ["a PNG over 5 MB", {}, { bytes: Buffer.alloc(5 * MB + 1), type: "image/png", name: "big.png" }, 413, /PNG over 5 MB: WhatsApp refuses images over 5 MB/],
    ["a sticker over 500 KB", {}, { bytes: Buffer.alloc(501 * 1024), type: "image/webp", name: "s.webp" }, 413, /over 500 KB/],
    ["an HTML page", {}, { bytes: Buffer.from("<script>alert(1)</script>"), type: "text/html", name: "x.html" }, 415, /text\/html/],
    ["an SVG", {}, { bytes: Buffer.from("<svg/>"), type: "image/svg+xml", name: "x.svg" }, 415, /image\/svg\+xml/],
    ["a caption on audio", { caption: "hola" }, { bytes: Buffer.from("OggS"), type: "audio/ogg", name: "a.ogg" }, 400, /caption/],
    ["no file", {}, undefined, 400, /Attach a file/],
    ["a bad phone", { phone: "+55 11" }, { bytes: PNG, type: "image/png", name: "a.png" }, 422, /Invalid input/],
  ];
  test.each(refusals)("refuses %s with a reason, storing and sending nothing", async (_name, fields, file, status, reason) => {
    const before = await storedFiles();
    const webhooks = capture.received.length;
    const res = await upload(fields, file);
    expect(res.status).toBe(status);
    const body = (await res.json()) as any;
    expect(`${body.error.message} ${JSON.stringify(body.error.details ?? {})}`).toMatch(reason);
    expect(await storedFiles()).toEqual(before);
    expect(capture.received.length).toBe(webhooks);
  });

  test("only a signed-in user from the app's own origin may upload (CSRF)", async () => {
    const file = { bytes: PNG, type: "image/png", name: "a.png" };
    expect((await upload({}, file, {})).status).toBe(401);
    expect((await upload({}, file, { cookie, origin: "https://evil.example" })).status).toBe(403);
    // The multipart exception is this route's alone: a JSON-only route still refuses it.
    const form = new FormData();
    form.set("phone", CUSTOMER);
    const send = await fetch(`${app.url}/api/sandbox/send`, { method: "POST", headers: browserHeaders(app.url, cookie), body: form });
    expect(send.status).toBe(415);
  });
});

describe("the sandbox's Graph media endpoints", () => {
  test("upload (POST /{phone-number-id}/media) → id → metadata → download, and a message sent by that id shows the file", async () => {
    const res = await graphUpload({ bytes: PNG, type: "image/png", name: "promo.png" });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^\d{16}$/);
    const meta = (await (await graphGet(`${app.url}/api/sandbox/graph/${id}`)).json()) as any;
    expect(meta).toMatchObject({ id, mime_type: "image/png", file_size: PNG.length, sha256: b64sha(PNG) });
    expect(Buffer.from(await (await graphGet(meta.url)).arrayBuffer()).equals(PNG)).toBe(true);

    const sent = await fetch(`${app.url}/api/sandbox/graph/${SANDBOX_PHONE_NUMBER_ID}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secrets.accessToken}` },
      body: JSON.stringify({ messaging_product: "whatsapp", to: CUSTOMER, type: "image", image: { id, caption: "Oferta" } }),
    });
    expect(sent.status).toBe(200);
    const wamid = ((await sent.json()) as any).messages[0].id;
    const bubble = (await simulatorChat()).find((m) => m.id === wamid);
    expect(bubble).toMatchObject({ from: "business", kind: "media", text: "Oferta", media: { kind: "image", url: `/api/sandbox/media/${id}` } });
  });

  test("unknown, malformed and expired ids are error 100 in Graph's shape", async () => {
    const expired = await putSandboxMedia(PNG, { mimeType: "image/png", filename: null, phoneNumberId: SANDBOX_PHONE_NUMBER_ID, ttlMs: -1000 });
    for (const id of ["1234567890123456", expired.id, "1234567890123456.json", "abc"]) {
      const res = await graphGet(`${app.url}/api/sandbox/graph/${id}`);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as any;
      expect(error).toMatchObject({ type: "OAuthException", code: 100, error_subcode: 33, fbtrace_id: expect.any(String) });
    }
  });

  test("without the channel's token nothing is read: 401 with code 190", async () => {
    for (const token of [null, "wrong"]) {
      const res = await graphGet(`${app.url}/api/sandbox/graph/1234567890123456`, token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).error.code).toBe(190);
    }
    const before = await storedFiles();
    const res = await graphUpload({ bytes: PNG, type: "image/png", name: "a.png" }, { token: null });
    expect(res.status).toBe(401);
    expect(await storedFiles()).toEqual(before);
  });

  const badUploads: [string, Parameters<typeof graphUpload>[0], Record<string, string> | undefined, RegExp][] = [
    ["an image over 5 MB", { bytes: Buffer.alloc(5 * MB + 1), type: "image/png", name: "big.png" }, undefined, /over 5 MB/],
    ["a refused type", { bytes: Buffer.from("<html>"), type: "text/html", name: "x.html" }, undefined, /text\/html/],
    ["no messaging_product", { bytes: PNG, type: "image/png", name: "a.png" }, { type: "image/png" }, /messaging_product/],
    ["no type", { bytes: PNG, type: "image/png", name: "a.png" }, { messaging_product: "whatsapp" }, /type/],
    ["no file", null, { messaging_product: "whatsapp", type: "image/png" }, /file/],
  ];
  test.each(badUploads)("refuses an upload with %s (error 100, nothing stored)", async (_name, file, fields, details) => {
    const before = await storedFiles();
    const res = await graphUpload(file, fields ? { fields } : {});
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as any;
    expect(error.code).toBe(100);
    expect(error.error_data.details).toMatch(details);
    expect(await storedFiles()).toEqual(before);
  });
});

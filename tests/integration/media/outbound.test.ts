/**
 * Agents send files (docs/media.md → Agents send files), on the production server against the
 * fake Graph API: the upload route checks size and type before anything is stored or queued,
 * and the outbox sender uploads the stored file to `/{phone-number-id}/media` once and sends
 * it by id.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { media, messages, outbox } from "@/lib/db/schema";
import { webmOpusToOgg } from "@/lib/media/voice-note";
import { browserHeaders } from "../../support/session";
import { pdf, png, svg } from "../../support/media-fixtures";
import { createConversation, demoIds } from "../desk/fixtures";
import { channelId, customerPhone, eventually, outboxOf, startHarness, type Harness } from "../runtime/harness";
import { type DeskUser, deskMessage, deskUser } from "./support";

const mediaDir = mkdtempSync(path.join(tmpdir(), "atendo-media-out-"));
const MEDIA_ENV = { MEDIA_DIR: mediaDir, RUNTIME_SEND_MAX_BACKOFF_MS: "500" };

let h: Harness;
let agent: DeskUser;
let agent2: DeskUser;
let ids: Awaited<ReturnType<typeof demoIds>>;
let channel: string;

beforeAll(async () => {
  h = await startHarness({ env: MEDIA_ENV });
  agent = await deskUser(h, "agent@demo.atendo");
  agent2 = await deskUser(h, "agent2@demo.atendo");
  ids = await demoIds(h.database.db);
  channel = await channelId(h);
});

afterAll(async () => {
  await h?.stop();
  rmSync(mediaDir, { recursive: true, force: true });
});

/** A conversation the demo agent holds, with a customer who wrote just now. */
async function held(options: { lastInboundAt?: Date } = {}) {
  const waId = customerPhone();
  const conversation = await createConversation(h.database.db, {
    channelId: channel,
    queueId: ids.soporte,
    status: "assigned",
    assigneeId: ids.agent.id,
    waId,
    lastInboundAt: options.lastInboundAt,
  });
  return { conversation, waId };
}

async function upload(user: DeskUser, conversationId: string, file: { bytes: Buffer; type: string; name: string }, caption?: string, voice?: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  if (caption !== undefined) form.append("caption", caption);
  if (voice !== undefined) form.append("voice", voice);
  const res = await fetch(`${h.app.url}/api/desk/conversations/${conversationId}/media`, {
    method: "POST",
    headers: browserHeaders(h.app.url, user.cookie),
    body: form,
  });
  return { status: res.status, json: (await res.json()) as { message?: { id: string; mediaId: string }; error?: { message: string; details?: { reason?: string } } } };
}

async function nothingKept(conversationId: string, waId: string) {
  const rows = await h.database.db.select().from(media).where(eq(media.conversationId, conversationId));
  expect(rows).toEqual([]);
  expect(await outboxOf(h, waId)).toEqual([]);
  const outbound = (await h.database.db.select().from(messages).where(eq(messages.conversationId, conversationId))).filter((m) => m.direction === "outbound");
  expect(outbound).toEqual([]);
  expect(h.graph.accepted(waId)).toEqual([]);
}

function filesOnDisk(): string[] {
  const dir = path.join(mediaDir, "media");
  return existsSync(dir) ? readdirSync(dir) : [];
}

test("a PNG with a caption: uploaded once with its type, sent by id with the caption, shown stored in the desk; a retry after a 500 on the send does not upload again", async () => {
  const { conversation, waId } = await held();
  const bytes = await png(640, 480);
  const uploadsBefore = h.graph.media.uploads.length;
  // The first send of this customer's message fails with a 500: retried, by the same id.
  h.graph.inject({ kind: "error", status: 500, code: 1, message: "(#1) An unknown error occurred" }, 1, (req) => req.to === waId);

  const res = await upload(agent, conversation.id, { bytes, type: "image/png", name: "foto.png" }, "Aquí está la etiqueta");
  expect(res.status).toBe(201);
  const messageId = res.json.message!.id;

  const sent = await h.graph.waitFor(() => h.graph.accepted(waId)[0], 30_000, "the image sent");
  const uploads = h.graph.media.uploads.slice(uploadsBefore);
  expect(uploads).toHaveLength(1);
  expect(uploads[0]).toMatchObject({ phoneNumberId: h.channel.phoneNumberId, authorization: `Bearer ${h.channel.accessToken}`, type: "image/png", fileType: "image/png", size: bytes.length });
  expect(sent.body).toMatchObject({ to: waId, type: "image", image: { id: uploads[0]!.id, caption: "Aquí está la etiqueta" } });
  // Two send requests (the 500 and the success), one upload.
  expect(h.graph.requests.filter((r) => r.to === waId && r.kind === "message")).toHaveLength(2);

  const row = await eventually(async () => {
    const [r] = await h.database.db.select().from(outbox).where(eq(outbox.messageId, messageId));
    return r?.status === "sent" ? r : null;
  }, 10_000, "the row recorded sent");
  expect(row).toMatchObject({ status: "sent", attempts: 2 });
  expect((row!.body as { uploaded_id?: string }).uploaded_id).toBe(uploads[0]!.id);

  const [file] = await h.database.db.select().from(media).where(eq(media.messageId, messageId));
  expect(file).toMatchObject({ status: "stored", kind: "image", sniffedMime: "image/png", size: bytes.length, caption: "Aquí está la etiqueta" });
  const shown = await deskMessage(agent, conversation.id, file!.id);
  expect(shown.type).toBe("image");
  expect(shown.media).toMatchObject({ id: file!.id, kind: "image", status: "stored", mimeType: "image/png", caption: "Aquí está la etiqueta" });
  const served = await agent.get(`/api/media/${file!.id}`);
  expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
  expect((await agent.get(`/api/media/${file!.id}?variant=thumb`)).headers.get("content-type")).toBe("image/webp");
  await eventually(async () => {
    const [m] = await h.database.db.select().from(messages).where(eq(messages.id, messageId));
    return m?.deliveryStatus === "sent" ? m : null;
  }, 10_000, "the message marked sent");
});

test("a document keeps its filename on the send", async () => {
  const { conversation, waId } = await held();
  const res = await upload(agent, conversation.id, { bytes: pdf(), type: "application/pdf", name: "C:\\fakepath\\Factura 4411.pdf" }, "Su factura");
  expect(res.status).toBe(201);
  const sent = await h.graph.waitFor(() => h.graph.accepted(waId)[0], 30_000, "the document sent");
  expect(sent.body).toMatchObject({ type: "document", document: { filename: "Factura 4411.pdf", caption: "Su factura" } });
});

describe("refused before anything is stored or sent", () => {
  test("an image over 5 MB: 413 naming WhatsApp's limit", async () => {
    const { conversation, waId } = await held();
    const before = filesOnDisk().length;
    const big = Buffer.concat([await png(), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await upload(agent, conversation.id, { bytes: big, type: "image/png", name: "big.png" });
    expect(res.status).toBe(413);
    expect(res.json.error!.message).toBe("PNG over 5 MB: WhatsApp refuses images over 5 MB");
    expect(filesOnDisk().length).toBe(before);
    await nothingKept(conversation.id, waId);
  });

  test("types WhatsApp does not take (an .exe, an SVG): 415", async () => {
    const { conversation, waId } = await held();
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0"), Buffer.alloc(512)]);
    const asExe = await upload(agent, conversation.id, { bytes: exe, type: "application/x-msdownload", name: "setup.exe" });
    expect(asExe.status).toBe(415);
    expect(asExe.json.error!.message).toMatch(/WhatsApp does not accept application\/x-msdownload/);
    const undeclared = await upload(agent, conversation.id, { bytes: exe, type: "application/octet-stream", name: "setup.exe" });
    expect(undeclared.status).toBe(415);
    const asSvg = await upload(agent, conversation.id, { bytes: svg(), type: "image/svg+xml", name: "logo.svg" });
    expect(asSvg.status).toBe(415);
    await nothingKept(conversation.id, waId);
  });

  test("a declared type the bytes contradict: 415", async () => {
    const { conversation, waId } = await held();
    const res = await upload(agent, conversation.id, { bytes: pdf(), type: "image/png", name: "foto.png" });
    expect(res.status).toBe(415);
    expect(res.json.error!.message).toBe("Declared image/png, but the bytes are application/pdf");
    expect(res.json.error!.details?.reason).toBe("type_mismatch");
    await nothingKept(conversation.id, waId);
  });
});

describe("the rules of a text reply", () => {
  test("an agent who cannot see the conversation gets 404; one who does not hold it, 409", async () => {
    const { conversation, waId } = await held();
    const ventas = await createConversation(h.database.db, { channelId: channel, queueId: ids.ventas, status: "assigned", assigneeId: ids.admin.id });
    const file = { bytes: await png(), type: "image/png", name: "x.png" };
    // agent2 is not in ventas (demo seed): the conversation does not exist for them.
    const outside = await upload(agent2, ventas.id, file);
    const asText = await agent2.post(`/api/desk/conversations/${ventas.id}/reply`, { kind: "text", text: "hola" });
    expect(outside.status).toBe(asText.status);
    expect([403, 404]).toContain(outside.status);
    // agent2 may see soporte but does not hold this one.
    const notHeld = await upload(agent2, conversation.id, file);
    const notHeldText = await agent2.post(`/api/desk/conversations/${conversation.id}/reply`, { kind: "text", text: "hola" });
    expect(notHeld.status).toBe(notHeldText.status);
    expect(notHeld.json.error!.details?.reason).toBe("held_by_other");
    await nothingKept(conversation.id, waId);
  });

  test("outside the 24-hour window: 422 as for text", async () => {
    const { conversation, waId } = await held({ lastInboundAt: new Date(Date.now() - 25 * 3600_000) });
    const res = await upload(agent, conversation.id, { bytes: await png(), type: "image/png", name: "x.png" });
    expect(res.status).toBe(422);
    expect(res.json.error!.details?.reason).toBe("window_closed");
    await nothingKept(conversation.id, waId);
  });

  test("a cross-site multipart post is refused (CSRF)", async () => {
    const { conversation, waId } = await held();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await png())], { type: "image/png" }), "x.png");
    const res = await fetch(`${h.app.url}/api/desk/conversations/${conversation.id}/media`, {
      method: "POST",
      headers: { cookie: agent.cookie, origin: "https://evil.example" },
      body: form,
    });
    expect(res.status).toBe(403);
    await nothingKept(conversation.id, waId);
  });
});

test("an upload Meta refuses (4xx) fails the message for good, with the reason on it", async () => {
  const { conversation, waId } = await held();
  h.graph.setToken(h.channel.phoneNumberId, "another-token");
  try {
    const res = await upload(agent, conversation.id, { bytes: await png(), type: "image/png", name: "x.png" });
    expect(res.status).toBe(201);
    const failed = await eventually(async () => {
      const [m] = await h.database.db.select().from(messages).where(eq(messages.id, res.json.message!.id));
      return m?.deliveryStatus === "failed" ? m : null;
    }, 20_000, "the message failed");
    expect(JSON.stringify(failed.error)).toMatch(/OAuth|access token/i);
    expect(h.graph.requests.filter((r) => r.to === waId)).toEqual([]);
  } finally {
    h.graph.setToken(h.channel.phoneNumberId, h.channel.accessToken);
  }
});

test("uploads fail like sends: a 500 and a 429 are retried, then one upload and one send", async () => {
  const { conversation, waId } = await held();
  const uploadsBefore = h.graph.media.uploads.length;
  const refusedBefore = h.graph.media.refusedUploads.length;
  h.graph.media.failUploads(500, 1);
  h.graph.media.failUploads(429, 130429);
  const res = await upload(agent, conversation.id, { bytes: pdf(), type: "application/pdf", name: "guia.pdf" });
  expect(res.status).toBe(201);
  const sent = await h.graph.waitFor(() => h.graph.accepted(waId)[0], 45_000, "the document sent after the retries");
  expect(h.graph.media.refusedUploads.length - refusedBefore).toBe(2);
  const uploads = h.graph.media.uploads.slice(uploadsBefore);
  expect(uploads).toHaveLength(1);
  expect(sent.body).toMatchObject({ type: "document", document: { id: uploads[0]!.id, filename: "guia.pdf" } });
  // The outcome is recorded just after Meta's answer.
  const row = await eventually(async () => ((await outboxOf(h, waId))[0]?.status === "sent" ? (await outboxOf(h, waId))[0] : null), 10_000, "the row recorded sent");
  expect(row).toMatchObject({ status: "sent", attempts: 3 });
});

test("a definitive refusal of the upload (400) fails the message with Meta's reason, without retrying", async () => {
  const { conversation, waId } = await held();
  const refusedBefore = h.graph.media.refusedUploads.length;
  h.graph.media.failUploads(400, 100);
  const res = await upload(agent, conversation.id, { bytes: await png(), type: "image/png", name: "x.png" });
  const failed = await eventually(async () => {
    const [m] = await h.database.db.select().from(messages).where(eq(messages.id, res.json.message!.id));
    return m?.deliveryStatus === "failed" ? m : null;
  }, 20_000, "the message failed");
  expect(JSON.stringify(failed.error)).toMatch(/Injected upload failure/);
  expect(h.graph.media.refusedUploads.length - refusedBefore).toBe(1);
  expect((await outboxOf(h, waId))[0]).toMatchObject({ status: "failed", attempts: 1 });
  expect(h.graph.accepted(waId)).toEqual([]);
});

describe("voice notes recorded in the desk (voice=true)", () => {
  test("Ogg Opus (the desk's remuxed recording) is kept as a voice note and sent as audio by id", async () => {
    const { conversation, waId } = await held();
    const ogg = Buffer.from(await webmOpusToOgg(readFileSync(new URL("../../fixtures/media/voice-chromium.webm", import.meta.url))));
    const res = await upload(agent, conversation.id, { bytes: ogg, type: "audio/ogg", name: "voice-note.ogg" }, undefined, "true");
    expect(res.status).toBe(201);
    const [row] = await h.database.db.select().from(media).where(eq(media.id, res.json.message!.mediaId));
    expect(row).toMatchObject({ kind: "audio", voice: true, sniffedMime: "audio/ogg", size: ogg.length, filename: null });
    const sent = await h.graph.waitFor(() => h.graph.accepted(waId)[0], 30_000, "the voice note sent");
    expect(sent.body).toMatchObject({ type: "audio", audio: { id: expect.any(String) } });
    expect((await deskMessage(agent, conversation.id, row!.id)).media).toMatchObject({ kind: "audio", voice: true });
  });

  test("only Ogg Opus can be a voice note; the flag is true or false", async () => {
    const { conversation, waId } = await held();
    const notOpus = await upload(agent, conversation.id, { bytes: pdf(), type: "application/pdf", name: "a.pdf" }, undefined, "true");
    expect(notOpus.status).toBe(422);
    expect(notOpus.json.error?.details?.reason).toBe("voice_not_ogg_opus");
    const bad = await upload(agent, conversation.id, { bytes: pdf(), type: "application/pdf", name: "a.pdf" }, undefined, "yes");
    expect(bad.status).toBe(400);
    await nothingKept(conversation.id, waId);
  });
});

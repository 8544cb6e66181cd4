/**
 * Inbound media end to end on the production server: a customer's file arrives as a webhook,
 * joins the transcript at once, is fetched from the (fake) Graph API in the background,
 * checked and stored on the local disk, and served to the desk users who may read the
 * conversation.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { conversations, media, queues } from "@/lib/db/schema";
import { LocalDiskStorage } from "@/lib/media/storage/local";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { listenOn } from "@/lib/realtime/listener";
import { originalKey } from "@/lib/media/storage/keys";
import { startAppServer } from "../../support/app-server";
import { sha256Of } from "../../support/fake-graph-media";
import { jpeg, mp4, oggOpus, pdf, plainText, png, svg, webp } from "../../support/media-fixtures";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { appEnv, customerPhone, eventually, startHarness, type Harness } from "../runtime/harness";
import { type DeskUser, deskMessage, deskUser, isAlive, mediaProcessOf, mediaRows, sendMedia, settledMedia, threadNiceValues, threadPolicies } from "./support";

const mediaDir = mkdtempSync(path.join(tmpdir(), "atendo-media-it-"));
const MEDIA_ENV = { MEDIA_DIR: mediaDir, MEDIA_FETCH_MAX_BACKOFF_MS: "1000", RUNTIME_SETTINGS_CACHE_MS: "100" };

let h: Harness;
let admin: DeskUser;
let agent: DeskUser;

beforeAll(async () => {
  h = await startHarness({ env: MEDIA_ENV });
  admin = await deskUser(h, "admin@demo.atendo");
  agent = await deskUser(h, "agent@demo.atendo");
});

afterAll(async () => {
  await h?.stop();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe("every inbound kind is stored, matching Meta's sha256", () => {
  const cases = [
    { kind: "image", mime: "image/jpeg", bytes: () => jpeg(), form: "hex", sniffed: "image/jpeg" },
    { kind: "image", mime: "image/png", bytes: () => png(), form: "base64", sniffed: "image/png" },
    { kind: "audio", mime: "audio/ogg; codecs=opus", bytes: async () => oggOpus(), form: "base64", sniffed: "audio/ogg", voice: true },
    { kind: "video", mime: "video/mp4", bytes: async () => mp4(), form: "hex", sniffed: "video/mp4" },
    { kind: "document", mime: "application/pdf", bytes: async () => pdf(), form: "base64", sniffed: "application/pdf", filename: "Factura 4411.pdf" },
    { kind: "document", mime: "text/plain", bytes: async () => plainText(), form: "hex", sniffed: "text/plain", filename: "pedido.txt" },
    { kind: "sticker", mime: "image/webp", bytes: () => webp(), form: "base64", sniffed: "image/webp" },
  ] as const;

  test.each(cases)("$kind $mime (sha256 as $form)", async (c) => {
    const bytes = await c.bytes();
    const file = h.graph.media.add(bytes, c.mime, { sha256Form: c.form });
    const filename = "filename" in c ? c.filename : undefined;
    await sendMedia(h, customerPhone(), c.kind, file, { caption: c.kind === "image" ? "Foto do produto" : undefined, filename, voice: "voice" in c ? c.voice : undefined });
    const row = await settledMedia(h, file.id);
    expect({ status: row.status, failure: row.failureDetail }).toEqual({ status: "stored", failure: null });
    expect(row.sniffedMime).toBe(c.sniffed);
    expect(row.size).toBe(bytes.length);
    expect(row.sha256).toBe(file.sha256);

    // What the agent's browser gets: the same bytes, typed by what they are.
    const res = await admin.get(`/api/media/${row.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(c.sniffed);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const message = await deskMessage(admin, row.conversationId, row.id);
    expect(message.type).toBe(c.kind);
    expect(message.media).toMatchObject({ id: row.id, kind: c.kind, status: "stored", mimeType: c.sniffed, size: bytes.length, voice: "voice" in c, failureCode: null });
    if (filename) expect(message.media?.filename).toBe(filename);
  });
});

test("the desk is told live when a file is stored or fails (media.updated)", async () => {
  const events: RealtimeEvent[] = [];
  const unlisten = await listenOn(h.database, (event) => events.push(event));
  try {
    const ok = h.graph.media.add(await png(), "image/png");
    const gone = h.graph.media.add(await png(), "image/png", { expired: true });
    await sendMedia(h, customerPhone(), "image", ok);
    await sendMedia(h, customerPhone(), "image", gone);
    const stored = await settledMedia(h, ok.id);
    const failed = await settledMedia(h, gone.id);
    const updates = await eventually(async () => {
      const seen = events.filter((e) => e.type === "media.updated");
      return seen.length >= 2 ? seen : null;
    }, 10_000, "two media.updated events");
    expect(updates).toEqual(
      expect.arrayContaining([
        { type: "media.updated", conversationId: stored.conversationId, messageId: stored.messageId, mediaId: stored.id, status: "stored" },
        { type: "media.updated", conversationId: failed.conversationId, messageId: failed.messageId, mediaId: failed.id, status: "failed" },
      ]),
    );
  } finally {
    await unlisten();
  }
});

test("images get a small thumbnail; other kinds have none", async () => {
  const bytes = await jpeg(1600, 1200);
  const file = h.graph.media.add(bytes, "image/jpeg");
  await sendMedia(h, customerPhone(), "image", file);
  const row = await settledMedia(h, file.id);
  const res = await admin.get(`/api/media/${row.id}?variant=thumb`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/webp");
  const thumb = Buffer.from(await res.arrayBuffer());
  const meta = await sharp(thumb).metadata();
  expect(Math.max(meta.width!, meta.height!)).toBe(320);
  expect(thumb.length).toBeLessThan(bytes.length);

  const doc = h.graph.media.add(pdf(), "application/pdf");
  await sendMedia(h, customerPhone(), "document", doc, { filename: "a.pdf" });
  const docRow = await settledMedia(h, doc.id);
  expect((await admin.get(`/api/media/${docRow.id}?variant=thumb`)).status).toBe(404);
});

test("a duplicated webhook stores one file", async () => {
  const file = h.graph.media.add(await png(), "image/png");
  const from = customerPhone();
  const message = await sendMedia(h, from, "image", file);
  // Meta delivers the same message again.
  const again = await h.post(messageEnvelope(h.channel.phoneNumberId, message));
  expect(again.status).toBe(200);
  const row = await settledMedia(h, file.id);
  expect(row.status).toBe("stored");
  expect(await mediaRows(h, file.id)).toHaveLength(1);
  expect(file.served).toBe(1);
});

test("an expired media id fails with a reason the agent sees, and a retry fetches it once Meta has it", async () => {
  const file = h.graph.media.add(await png(), "image/png", { expired: true });
  await sendMedia(h, customerPhone(), "image", file, { caption: "Foto do produto" });
  const row = await settledMedia(h, file.id);
  expect(row.status).toBe("failed");
  expect(row.failureCode).toBe("expired");
  const message = await deskMessage(admin, row.conversationId, row.id);
  expect(message.body).toContain("Foto do produto");
  expect(message.media).toMatchObject({ status: "failed", failureCode: "expired" });
  expect(message.media?.failureReason).toMatch(/no longer has this file/);
  expect((await admin.get(`/api/media/${row.id}`)).status).toBe(404);

  file.expired = false;
  const retried = await admin.post(`/api/media/${row.id}/retry`, {});
  expect(retried.status).toBe(200);
  expect(((await retried.json()) as { media: { status: string } }).media.status).toBe("pending");
  expect((await settledMedia(h, file.id)).status).toBe("stored");
  expect((await admin.post(`/api/media/${row.id}/retry`, {})).status).toBe(409);
});

test("throttling and 5xx are retried with backoff until the file is stored", async () => {
  const bytes = await jpeg(200, 200);
  const file = h.graph.media.add(bytes, "image/jpeg", {
    faults: [
      { on: "info", status: 500, code: 131000 },
      { on: "info", status: 429, code: 130429 },
      { on: "download", status: 503 },
      { on: "download", truncateAt: 100 },
    ],
  });
  await sendMedia(h, customerPhone(), "image", file);
  const row = await settledMedia(h, file.id, 60_000);
  expect(row.status).toBe("stored");
  expect(row.attempts).toBe(5);
  expect(row.size).toBe(bytes.length);
});

test("an oversize file fails too_large and nothing is stored", async () => {
  // Meta says it is small; the bytes say otherwise: the download stops at the limit.
  const big = Buffer.concat([await jpeg(50, 50), Buffer.alloc(5 * 1024 * 1024 + 10, 7)]);
  const file = h.graph.media.add(big, "image/jpeg", { fileSize: 2_000 });
  await sendMedia(h, customerPhone(), "image", file);
  const row = await settledMedia(h, file.id);
  expect({ status: row.status, code: row.failureCode }).toEqual({ status: "failed", code: "too_large" });
  expect(row.failureDetail).toMatch(/WhatsApp refuses images over 5 MB/);
  expect(await new LocalDiskStorage(mediaDir).head(originalKey(row.id))).toBeNull();

  // Meta says it is big: not even downloaded.
  const declared = h.graph.media.add(await png(), "image/png", { fileSize: 6 * 1024 * 1024 });
  await sendMedia(h, customerPhone(), "image", declared);
  expect((await settledMedia(h, declared.id)).failureCode).toBe("too_large");
  expect(declared.downloads).toBe(0);
});

test("bytes that are not the declared type are refused (type_mismatch) and logged", async () => {
  const file = h.graph.media.add(await png(), "image/jpeg");
  await sendMedia(h, customerPhone(), "image", file);
  const row = await settledMedia(h, file.id);
  expect({ status: row.status, code: row.failureCode }).toEqual({ status: "failed", code: "type_mismatch" });
  expect(row.failureDetail).toBe("Declared image/jpeg, but the bytes are image/png");
  await eventually(async () => h.app.logs().includes(`media ${row.id}`) && h.app.logs().includes("type_mismatch"), 5_000, "the refusal logged");

  const fake = h.graph.media.add(svg(), "application/pdf");
  await sendMedia(h, customerPhone(), "document", fake, { filename: "invoice.pdf" });
  expect((await settledMedia(h, fake.id)).failureCode).toBe("type_mismatch");
});

test("a wrong sha256 fails checksum", async () => {
  const bytes = await png();
  const file = h.graph.media.add(bytes, "image/png", { sha256: sha256Of(Buffer.from("something else"), "base64") });
  await sendMedia(h, customerPhone(), "image", file);
  const row = await settledMedia(h, file.id);
  expect({ status: row.status, code: row.failureCode }).toEqual({ status: "failed", code: "checksum" });
});

describe("serving", () => {
  test("an agent outside the conversation's queue gets 404, like for an unknown id", async () => {
    const file = h.graph.media.add(await png(), "image/png");
    await sendMedia(h, customerPhone(), "image", file);
    const row = await settledMedia(h, file.id);
    // Still with the bot: in no queue, so no agent reads it.
    expect((await agent.get(`/api/media/${row.id}`)).status).toBe(404);
    expect((await agent.get("/api/media/00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await agent.get("/api/media/not-a-uuid")).status).toBe(404);
    expect((await agent.post(`/api/media/${row.id}/retry`, {})).status).toBe(404);
    expect((await fetch(`${h.app.url}/api/media/${row.id}`)).status).toBe(401);
    // In one of the agent's queues: readable.
    const [soporte] = await h.database.db.select({ id: queues.id }).from(queues).where(eq(queues.slug, "soporte"));
    await h.database.db
      .update(conversations)
      .set({ status: "queued", queueId: soporte!.id, queuedAt: new Date() })
      .where(eq(conversations.id, row.conversationId));
    expect((await agent.get(`/api/media/${row.id}`)).status).toBe(200);
  });

  test("headers: inline images, attachments with the customer's filename, ranges for players", async () => {
    const bytes = oggOpus();
    const audio = h.graph.media.add(bytes, "audio/ogg; codecs=opus");
    await sendMedia(h, customerPhone(), "audio", audio, { voice: true });
    const row = await settledMedia(h, audio.id);
    const whole = await admin.get(`/api/media/${row.id}`);
    expect(whole.headers.get("content-disposition")).toBe("inline");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("content-encoding")).toBeNull();
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await admin.get(`/api/media/${row.id}`, { range: "bytes=10-29" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 10-29/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10, 30))).toBe(true);

    const tail = await admin.get(`/api/media/${row.id}`, { range: "bytes=-5" });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 5))).toBe(true);

    const beyond = await admin.get(`/api/media/${row.id}`, { range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${bytes.length}`);

    const doc = h.graph.media.add(pdf(), "application/pdf");
    await sendMedia(h, customerPhone(), "document", doc, { filename: "../Factura nº 7.pdf" });
    const docRow = await settledMedia(h, doc.id);
    const download = await admin.get(`/api/media/${docRow.id}`);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    // Never recompressed on the way: the bytes of a range must be the file's.
    expect(download.headers.get("content-encoding")).toBeNull();
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="Factura n_ 7.pdf"; filename*=UTF-8''Factura%20n%C2%BA%207.pdf`);
  });

  test("SVG and HTML are never served inline, whatever a row says", async () => {
    // The fetcher never stores them (no magic number: refused); should one be in storage, the route still downloads it.
    const file = h.graph.media.add(await png(), "image/png");
    await sendMedia(h, customerPhone(), "image", file);
    const row = await settledMedia(h, file.id);
    const storage = new LocalDiskStorage(mediaDir);
    for (const type of ["image/svg+xml", "text/html", "application/xhtml+xml"]) {
      await storage.put(originalKey(row.id), svg(), { contentType: type });
      await h.database.db.update(media).set({ sniffedMime: type }).where(eq(media.id, row.id));
      const res = await admin.get(`/api/media/${row.id}`);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      await res.arrayBuffer();
    }
  });
});

test("a download in progress never delays the customer's next message or its reply", async () => {
  // Noise does not compress: the file is far longer than the part sent before the hold.
  const file = h.graph.media.add(await png(200, 150), "image/png", { faults: [{ on: "download", holdAfter: 500 }] });
  const from = customerPhone();
  await sendMedia(h, from, "image", file);
  await h.graph.waitFor(() => file.downloads === 1, 20_000, "the download started");
  // The bot's welcome to the photo first, then the customer writes while the file is still on its way.
  await h.graph.waitFor(() => h.graph.accepted(from).length >= 1, 20_000, "the welcome");
  const before = h.graph.accepted(from).length;
  await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
  await h.graph.waitFor(() => h.graph.accepted(from).length > before, 20_000, "the reply to the text");
  expect((await mediaRows(h, file.id))[0]!.status).toBe("pending");
  h.graph.media.release();
  expect((await settledMedia(h, file.id)).status).toBe("stored");
});

test("the fetcher works in a process of its own at a lower CPU priority, started again if it dies", async () => {
  const first = await eventually(async () => mediaProcessOf(h.app.process.pid!), 10_000, "the media process");
  // Every thread, those Node started before the entry ran and libuv's/libvips' started after.
  const photo = h.graph.media.add(await jpeg(), "image/jpeg");
  await sendMedia(h, customerPhone(), "image", photo);
  expect((await settledMedia(h, photo.id)).thumbnailKey).not.toBeNull();
  const niceValues = threadNiceValues(first);
  expect(new Set(niceValues)).toEqual(new Set([19]));
  expect(threadNiceValues(h.app.process.pid!)).toContain(0);
  // SCHED_IDLE: it runs on CPU time nothing else wants; the server's threads stay ordinary.
  expect(new Set(threadPolicies(first))).toEqual(new Set([5]));
  expect(new Set(threadPolicies(h.app.process.pid!))).toEqual(new Set([0]));

  const bytes = await png(200, 150);
  const file = h.graph.media.add(bytes, "image/png", { faults: [{ on: "download", holdAfter: 500 }] });
  await sendMedia(h, customerPhone(), "image", file);
  await h.graph.waitFor(() => file.downloads === 1, 20_000, "the download started");
  process.kill(first, "SIGKILL");
  const second = await eventually(async () => {
    const pid = mediaProcessOf(h.app.process.pid!);
    return pid !== null && pid !== first ? pid : null;
  }, 20_000, "a new media process");
  expect(second).not.toBe(first);
  // The new process takes back the dead one's lease at once (same instance, another boot).
  const row = await settledMedia(h, file.id);
  expect(row.status).toBe("stored");
  expect(file.downloads).toBe(2);
  expect(Buffer.from(await (await admin.get(`/api/media/${row.id}`)).arrayBuffer()).equals(bytes)).toBe(true);
});

test("a crash mid-download resumes after the restart", async () => {
  const bytes = await png(200, 150);
  expect(bytes.length).toBeGreaterThan(10_000);
  const file = h.graph.media.add(bytes, "image/png", { faults: [{ on: "download", holdAfter: 1_000 }] });
  await sendMedia(h, customerPhone(), "image", file);
  await h.graph.waitFor(() => file.downloads === 1, 20_000, "the download started");
  const port = h.app.port;
  const mediaProcess = mediaProcessOf(h.app.process.pid!);
  expect(mediaProcess).not.toBeNull();
  await h.app.stop("SIGKILL");
  expect((await mediaRows(h, file.id))[0]!.status).toBe("pending");
  // The media process does not outlive its server.
  await eventually(async () => !isAlive(mediaProcess!), 10_000, "the media process to exit with its server");
  // The same instance comes back (same port, so the same instance id): it takes back its dead boot's lease at once.
  const restarted = await startAppServer({ databaseUrl: h.database.url, pgliteDir: h.database.dataDir, port, env: appEnv(h.channel, h.graph, MEDIA_ENV) });
  h.app = restarted;
  try {
    const row = await settledMedia(h, file.id);
    expect(row.status).toBe("stored");
    expect(file.downloads).toBe(2);
    expect(row.attempts).toBe(2);
    admin = await deskUser(h, "admin@demo.atendo");
    expect(Buffer.from(await (await admin.get(`/api/media/${row.id}`)).arrayBuffer()).equals(bytes)).toBe(true);
  } finally {
    // The harness stops the server it started (already dead); this one is the test's.
    await restarted.stop();
  }
});

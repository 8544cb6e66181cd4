/**
 * The protocol's exports carry the conversation's files: the JSON the media view and the
 * authorised URLs, the HTML thumbnails, players and links — the links asking for the same
 * authorisation as the desk (the media route's read rule), the customer's words escaped.
 * The production server against the fake Graph API, files stored on the local disk.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { conversations, queues } from "@/lib/db/schema";
import type { ExportMedia } from "@/lib/desk/transcript-export-media";
import { jpeg, oggOpus, pdf, png } from "../../support/media-fixtures";
import { messageEnvelope, wamid } from "../../support/webhook";
import { customerPhone, startHarness, type Harness } from "../runtime/harness";
import { type DeskUser, deskUser, sendMedia, settledMedia } from "./support";

const mediaDir = mkdtempSync(path.join(tmpdir(), "atendo-media-export-"));

let h: Harness;
let agent: DeskUser;
let outsider: DeskUser;
let protocol: string;
let ids: { photo: string; pdf: string; failed: string; voice: string };

const XSS_NAME = "<img src=x onerror=alert(1)>.pdf";
const XSS_CAPTION = `Foto do produto <script>alert("c")</script>`;

type ExportJson = { messages: { type: string; text: string | null; media: ExportMedia | null; location?: unknown; contacts?: unknown }[] };

beforeAll(async () => {
  h = await startHarness({ env: { MEDIA_DIR: mediaDir, MEDIA_FETCH_MAX_BACKOFF_MS: "1000", RUNTIME_SETTINGS_CACHE_MS: "100" } });
  // "agent" works in soporte and ventas; "agent2" only in soporte.
  agent = await deskUser(h, "agent@demo.atendo");
  outsider = await deskUser(h, "agent2@demo.atendo");

  const from = customerPhone();
  const photo = h.graph.media.add(await jpeg(800, 600), "image/jpeg");
  const doc = h.graph.media.add(pdf(), "application/pdf");
  const gone = h.graph.media.add(await png(), "image/png", { expired: true });
  const voice = h.graph.media.add(oggOpus(), "audio/ogg; codecs=opus");
  await sendMedia(h, from, "image", photo, { caption: XSS_CAPTION });
  await sendMedia(h, from, "document", doc, { filename: XSS_NAME });
  await sendMedia(h, from, "image", gone);
  await sendMedia(h, from, "audio", voice, { voice: true });
  const place = { from, id: wamid(), timestamp: String(Math.floor(Date.now() / 1000)), type: "location", location: { latitude: -34.6037, longitude: -58.3816, name: "Obelisco <b>", address: "Av. 9 de Julio" } };
  const card = {
    from,
    id: wamid(),
    timestamp: String(Math.floor(Date.now() / 1000)),
    type: "contacts",
    contacts: [{ name: { formatted_name: "Marta <i>Díaz</i>" }, phones: [{ phone: "+54 9 11 5555-0101", type: "CELL" }] }],
  };
  for (const message of [place, card]) expect((await h.post(messageEnvelope(h.channel.phoneNumberId, message))).status).toBe(200);

  const rows = { photo: await settledMedia(h, photo.id), pdf: await settledMedia(h, doc.id), failed: await settledMedia(h, gone.id), voice: await settledMedia(h, voice.id) };
  expect([rows.photo.status, rows.pdf.status, rows.failed.status, rows.voice.status]).toEqual(["stored", "stored", "failed", "stored"]);
  ids = { photo: rows.photo.id, pdf: rows.pdf.id, failed: rows.failed.id, voice: rows.voice.id };

  // Waiting in "ventas": the agent reads it, agent2 (soporte only) does not.
  const [ventas] = await h.database.db.select({ id: queues.id }).from(queues).where(eq(queues.slug, "ventas"));
  const [conversation] = await h.database.db
    .update(conversations)
    .set({ status: "queued", queueId: ventas!.id, queuedAt: new Date() })
    .where(eq(conversations.id, rows.photo.conversationId))
    .returning({ protocol: conversations.protocol });
  protocol = conversation!.protocol;
});

afterAll(async () => {
  await h?.stop();
  rmSync(mediaDir, { recursive: true, force: true });
});

const exportOf = (user: DeskUser, format: "json" | "html", headers: Record<string, string> = {}) => user.get(`/api/desk/protocols/${protocol}/export?format=${format}`, headers);

async function exportJson(user: DeskUser, headers: Record<string, string> = {}): Promise<ExportJson> {
  const res = await exportOf(user, "json", headers);
  expect(res.status).toBe(200);
  return (await res.json()) as ExportJson;
}

const mediaOf = (data: ExportJson, id: string) => data.messages.find((m) => m.media?.id === id)?.media;

test("the JSON export carries each file's view and its authorised URLs, absolute from the request's origin", async () => {
  const data = await exportJson(agent);
  const base = `${h.app.url}/api/media`;
  expect(mediaOf(data, ids.photo)).toMatchObject({
    kind: "image",
    status: "stored",
    mimeType: "image/jpeg",
    caption: XSS_CAPTION,
    voice: false,
    failureCode: null,
    url: `${base}/${ids.photo}`,
    thumbnailUrl: `${base}/${ids.photo}?variant=thumb`,
  });
  expect(mediaOf(data, ids.pdf)).toMatchObject({ kind: "document", status: "stored", mimeType: "application/pdf", filename: XSS_NAME, url: `${base}/${ids.pdf}`, thumbnailUrl: null });
  expect(mediaOf(data, ids.pdf)?.size).toBe(pdf().length);
  expect(mediaOf(data, ids.voice)).toMatchObject({ kind: "audio", voice: true, mimeType: "audio/ogg", url: `${base}/${ids.voice}`, thumbnailUrl: null });
  expect(mediaOf(data, ids.failed)).toMatchObject({ kind: "image", status: "failed", failureCode: "expired", url: null, thumbnailUrl: null });
  expect(mediaOf(data, ids.failed)?.failureReason).toMatch(/no longer has this file/);
  expect(data.messages.find((m) => m.type === "location")?.location).toEqual({ latitude: -34.6037, longitude: -58.3816, name: "Obelisco <b>", address: "Av. 9 de Julio" });
  expect(data.messages.find((m) => m.type === "contacts")?.contacts).toEqual([{ name: "Marta <i>Díaz</i>", phones: [{ phone: "+54 9 11 5555-0101", type: "CELL" }] }]);

  // Behind a proxy the URLs follow the address the browser used.
  const proxied = await exportJson(agent, { "x-forwarded-host": "atendo.example.com", "x-forwarded-proto": "https" });
  expect(mediaOf(proxied, ids.photo)?.url).toBe(`https://atendo.example.com/api/media/${ids.photo}`);
});

test("the URLs answer the agent who may read the conversation, and 404 to an agent outside its queue", async () => {
  const data = await exportJson(agent);
  const urls = data.messages.flatMap((m) => [m.media?.url, m.media?.thumbnailUrl]).filter((u): u is string => !!u);
  expect(urls).toHaveLength(4); // photo + thumbnail, PDF, voice note
  for (const url of urls) {
    const own = new URL(url);
    const res = await agent.get(`${own.pathname}${own.search}`);
    expect(res.status, url).toBe(200);
    await res.arrayBuffer();
    const other = await outsider.get(`${own.pathname}${own.search}`);
    expect(other.status, url).toBe(404);
    await other.arrayBuffer();
    // Not public either.
    expect((await fetch(url)).status, url).toBe(401);
  }
  expect((await exportOf(outsider, "json")).status).toBe(404);
  expect((await exportOf(outsider, "html")).status).toBe(404);
});

test("the HTML export shows thumbnails, players, documents, failures, places and contacts, escaped and under its CSP", async () => {
  const res = await exportOf(agent, "html");
  expect(res.status).toBe(200);
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toMatch(/default-src 'none'/);
  expect(csp).toContain(`img-src 'self' ${h.app.url};`);
  expect(csp).toContain(`media-src 'self' ${h.app.url};`);
  expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  const html = await res.text();
  const base = `${h.app.url}/api/media`;

  // The photo: its thumbnail, linking to the full file; the caption escaped.
  expect(html).toContain(`<a href="${base}/${ids.photo}" target="_blank" rel="noopener noreferrer"`);
  expect(html).toContain(`<img src="${base}/${ids.photo}?variant=thumb" alt="Foto do produto &lt;script&gt;alert(&quot;c&quot;)&lt;/script&gt;"`);
  // The document: its name escaped, type, size and a download link.
  expect(html).toContain(`<span class="name">&lt;img src=x onerror=alert(1)&gt;.pdf</span>`);
  expect(html).toMatch(new RegExp(`PDF · [\\d.,]+\\s?(B|byte|kB|KB)[^<]*· <a href="${base}/${ids.pdf}" download`));
  // The voice note: a player and a link.
  expect(html).toContain(`<audio controls preload="none" src="${base}/${ids.voice}"></audio>`);
  // The failed file: its reason, no link.
  expect(html).toMatch(/<div class="media failed" data-media="failed"><strong>[^<]+<\/strong><div class="reason">[^<]+7[^<]*<\/div><\/div>/);
  expect(html).not.toContain(`/api/media/${ids.failed}`);
  // The place and the contact card.
  expect(html).toContain("<strong>Obelisco &lt;b&gt;</strong><div>Av. 9 de Julio</div>");
  expect(html).toContain(`<a href="https://www.google.com/maps?q=-34.6037,-58.3816" target="_blank" rel="noopener noreferrer">`);
  expect(html).toContain("<strong>Marta &lt;i&gt;Díaz&lt;/i&gt;</strong> · +54 9 11 5555-0101 (CELL)");

  // Nothing a customer wrote became markup; no file's bytes are in the page.
  expect(html).not.toContain("<img src=x");
  expect(html).not.toContain("<script>alert");
  expect(html).not.toContain("<i>Díaz");
  expect(html).not.toMatch(/data:|base64,/);
});

test("the HTML export speaks the user's language", async () => {
  const res = await exportOf(agent, "html", { cookie: `${agent.cookie}; NEXT_LOCALE=es` });
  const html = await res.text();
  expect(html).toContain("Descargar");
  expect(html).toContain("Imagen no disponible");
  expect(html).toContain("Nota de voz");
  expect(html).toContain("Abrir mapa");
});

/**
 * The media library (docs/media.md → Media library), on the production server against the fake
 * Graph API: marketers upload a file once (checked like an agent's upload), flows send it — as a
 * media message or as reply buttons' media header — uploaded to Meta once per channel and sent
 * by id; the transcript keeps the customer's copy; the publish lint checks kinds; an item a live
 * flow uses cannot be removed.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inbox, media, mediaLibrary, mediaLibraryUploads, messages } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import type { LibraryItem } from "@/lib/media/library/types";
import { browserHeaders } from "../../support/session";
import { pdf, png, svg, webp } from "../../support/media-fixtures";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { publishChannelFlow, conversationsOf, customerPhone, eventually, type Harness, outboxOf, startHarness } from "../runtime/harness";
import { type DeskUser, deskUser } from "./support";

const mediaDir = mkdtempSync(path.join(tmpdir(), "atendo-media-library-"));
let h: Harness;
let editor: DeskUser;
let admin: DeskUser;
let agent: DeskUser;

beforeAll(async () => {
  h = await startHarness({ env: { MEDIA_DIR: mediaDir, RUNTIME_SETTINGS_CACHE_MS: "100" } });
  editor = await deskUser(h, "editor@demo.atendo");
  admin = await deskUser(h, "admin@demo.atendo");
  agent = await deskUser(h, "agent@demo.atendo");
});

afterAll(async () => {
  await h?.stop();
  rmSync(mediaDir, { recursive: true, force: true });
});

type UploadAnswer = { status: number; json: { item?: LibraryItem; created?: boolean; error?: { message: string; details?: { reason?: string } } } };

async function addFile(user: DeskUser, file: { bytes: Buffer; type: string; name: string }, name?: string): Promise<UploadAnswer> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  if (name !== undefined) form.append("name", name);
  const res = await fetch(`${h.app.url}/api/media-library`, { method: "POST", headers: browserHeaders(h.app.url, user.cookie), body: form });
  return { status: res.status, json: await res.json() };
}

function libraryFiles(): string[] {
  const dir = path.join(mediaDir, "library");
  return existsSync(dir) ? readdirSync(dir) : [];
}

async function publish(change: (doc: FlowDocument) => FlowDocument): Promise<string> {
  return (await publishChannelFlow(h, change)).flowName;
}

async function settled(waId: string) {
  await eventually(async () => {
    const [pending] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(inbox).where(sql`${inbox.contactWaId} = ${waId} and ${inbox.status} = 'pending'`);
    const rows = await outboxOf(h, waId);
    return pending!.n === 0 && rows.length > 0 && rows.every((r) => r.status !== "pending");
  }, 60_000, `contact ${waId} settled`);
}

describe("the library", () => {
  test("an editor adds a PNG: listed with its type and size, served with a thumbnail; the same bytes again are the same item", async () => {
    const bytes = await png(320, 200);
    const first = await addFile(editor, { bytes, type: "image/png", name: "../../etc/oferta.png" }, "Oferta de verano");
    expect(first.status).toBe(201);
    expect(first.json.item).toMatchObject({ name: "Oferta de verano", kind: "image", mimeType: "image/png", size: bytes.length, hasThumbnail: true });
    const again = await addFile(admin, { bytes, type: "image/png", name: "copia.png" });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: false, item: { id: first.json.item!.id } });

    const list = (await (await editor.get("/api/media-library")).json()) as { items: LibraryItem[] };
    expect(list.items.filter((i) => i.id === first.json.item!.id)).toHaveLength(1);
    const file = await editor.get(`/api/media-library/${first.json.item!.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await editor.get(`/api/media-library/${first.json.item!.id}/file?variant=thumb`)).headers.get("content-type")).toBe("image/webp");
    // The name a browser sent never reaches the disk: files live under the item's id.
    expect(libraryFiles()).toContain(first.json.item!.id);
  });

  test("a file WhatsApp would refuse is refused with the reason, and nothing is kept", async () => {
    const before = libraryFiles().length;
    const [{ n: rowsBefore }] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(mediaLibrary);
    const big = await addFile(editor, { bytes: Buffer.concat([await png(), Buffer.alloc(5 * 1024 * 1024)]), type: "image/png", name: "grande.png" });
    expect(big.status).toBe(413);
    expect(big.json.error!.message).toBe("PNG over 5 MB: WhatsApp refuses images over 5 MB");
    const lying = await addFile(editor, { bytes: pdf(), type: "image/jpeg", name: "foto.jpg" });
    expect(lying.status).toBe(415);
    expect(lying.json.error!.details!.reason).toBe("type_mismatch");
    const vector = await addFile(editor, { bytes: svg(), type: "image/svg+xml", name: "logo.svg" });
    expect(vector.status).toBe(415);
    const sticker = await addFile(editor, { bytes: await webp(), type: "image/webp", name: "s.webp" });
    expect(sticker.status).toBe(415);
    expect(sticker.json.error!.message).toMatch(/stickers cannot be used/);
    expect(libraryFiles()).toHaveLength(before);
    const [{ n: rowsAfter }] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(mediaLibrary);
    expect(rowsAfter).toBe(rowsBefore);
  });

  test("agents neither list, add nor read library files", async () => {
    const { json } = await addFile(editor, { bytes: await png(33, 33), type: "image/png", name: "p.png" });
    expect((await agent.get("/api/media-library")).status).toBe(403);
    expect((await agent.get(`/api/media-library/${json.item!.id}/file`)).status).toBe(403);
    expect((await addFile(agent, { bytes: await png(34, 34), type: "image/png", name: "q.png" })).status).toBe(403);
  });
});

describe("flows send library files", () => {
  test("a photo message and buttons with a PDF header: each uploaded once per channel, sent by id to every customer; the transcript shows the customer's copy", async () => {
    const photoBytes = await png(400, 300);
    const photo = (await addFile(editor, { bytes: photoBytes, type: "image/png", name: "catalogo.png" }, "Catálogo")).json.item!;
    const manual = (await addFile(editor, { bytes: pdf(), type: "application/pdf", name: "manual.pdf" }, "Manual")).json.item!;
    const flowName = await publish((doc) => ({
      ...doc,
      nodes: [
        { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
        { id: "hello", type: "message", position: { x: 0, y: 100 }, data: { text: "", media: { kind: "image", url: "", libraryId: photo.id, caption: "Nuestro catálogo, {{contact.name}}" } } },
        {
          id: "menu",
          type: "buttons",
          position: { x: 0, y: 200 },
          data: {
            text: "¿Quieres el manual?",
            headerMedia: { kind: "document", url: "", libraryId: manual.id, filename: "manual-atendo.pdf" },
            buttons: [
              { id: "si", title: "Sí" },
              { id: "no", title: "No" },
            ],
          },
        },
        { id: "bye", type: "end", position: { x: 0, y: 300 }, data: { text: "¡Gracias!" } },
      ],
      edges: [
        { id: "e1", source: "start", target: "hello" },
        { id: "e2", source: "hello", target: "menu" },
        { id: "e3", source: "menu", sourceHandle: "si", target: "bye" },
        { id: "e4", source: "menu", sourceHandle: "no", target: "bye" },
        { id: "e5", source: "menu", sourceHandle: "invalid", target: "bye" },
      ],
    }) as FlowDocument);
    const uploadsBefore = h.graph.media.uploads.length;

    const first = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(first, "hola"), "Marta"));
    await h.graph.waitFor(() => h.graph.accepted(first).length === 2, 30_000, "the first customer's two messages");
    await settled(first);
    const uploads = h.graph.media.uploads.slice(uploadsBefore);
    expect(uploads.map((u) => u.type).sort()).toEqual(["application/pdf", "image/png"]);
    const photoUpload = uploads.find((u) => u.type === "image/png")!;
    const manualUpload = uploads.find((u) => u.type === "application/pdf")!;
    expect(photoUpload.size).toBe(photoBytes.length);
    const [image, buttons] = h.graph.accepted(first);
    expect(image!.body).toMatchObject({ to: first, type: "image", image: { id: photoUpload.id, caption: "Nuestro catálogo, Marta" } });
    expect(buttons!.body).toMatchObject({
      type: "interactive",
      interactive: { type: "button", header: { type: "document", document: { id: manualUpload.id, filename: "manual-atendo.pdf" } }, body: { text: "¿Quieres el manual?" } },
    });

    // A second customer: the same Meta ids, no new upload.
    const second = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(second, "hola"), "Nico"));
    await h.graph.waitFor(() => h.graph.accepted(second).length === 2, 30_000, "the second customer's two messages");
    await settled(second);
    expect(h.graph.media.uploads.length).toBe(uploadsBefore + 2);
    expect(h.graph.accepted(second)[0]!.body).toMatchObject({ type: "image", image: { id: photoUpload.id, caption: "Nuestro catálogo, Nico" } });
    const kept = await h.database.db.select().from(mediaLibraryUploads).where(eq(mediaLibraryUploads.libraryId, photo.id));
    expect(kept).toMatchObject([{ waMediaId: photoUpload.id }]);

    // The transcript: the bot's messages link to the conversation's copies, stored, readable by the desk.
    const [conversation] = await conversationsOf(h, second);
    const sent = await h.database.db
      .select({ type: messages.type, mediaId: messages.mediaId, author: messages.author })
      .from(messages)
      .where(and(eq(messages.conversationId, conversation!.id), isNotNull(messages.mediaId)));
    expect(sent.map((m) => [m.type, m.author])).toEqual([
      ["image", "bot"],
      ["interactive", "bot"],
    ]);
    const [copy] = await h.database.db.select().from(media).where(eq(media.id, sent[0]!.mediaId!));
    expect(copy).toMatchObject({ status: "stored", kind: "image", libraryId: photo.id, sniffedMime: "image/png", size: photoBytes.length, caption: "Nuestro catálogo, Nico" });
    const served = await admin.get(`/api/media/${copy!.id}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(photoBytes)).toBe(true);

    // The library item a live flow uses cannot be removed; the flow is named.
    const refused = await fetch(`${h.app.url}/api/media-library/${photo.id}`, { method: "DELETE", headers: { ...browserHeaders(h.app.url, editor.cookie), "content-type": "application/json" } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(flowName);
  });

  test("an unused item is removed from the library; its file stays for what already sent it", async () => {
    const item = (await addFile(editor, { bytes: await png(50, 60), type: "image/png", name: "viejo.png" })).json.item!;
    const removed = await fetch(`${h.app.url}/api/media-library/${item.id}`, { method: "DELETE", headers: { ...browserHeaders(h.app.url, editor.cookie), "content-type": "application/json" } });
    expect(removed.status).toBe(204);
    const list = (await (await editor.get("/api/media-library")).json()) as { items: LibraryItem[] };
    expect(list.items.map((i) => i.id)).not.toContain(item.id);
    expect((await editor.get(`/api/media-library/${item.id}/file`)).status).toBe(200);
    const again = await fetch(`${h.app.url}/api/media-library/${item.id}`, { method: "DELETE", headers: { ...browserHeaders(h.app.url, editor.cookie), "content-type": "application/json" } });
    expect(again.status).toBe(404);
  });

  test("the publish lint checks the library file's kind and that it exists", async () => {
    const item = (await addFile(editor, { bytes: Buffer.concat([pdf(), Buffer.from("\n% lista de precios\n")]), type: "application/pdf", name: "lista.pdf" }, "Lista de precios")).json.item!;
    const document = {
      schemaVersion: 1,
      nodes: [
        { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
        { id: "m1", type: "message", position: { x: 0, y: 100 }, data: { text: "", media: { kind: "image", url: "", libraryId: item.id } } },
        { id: "m2", type: "message", position: { x: 0, y: 200 }, data: { text: "", media: { kind: "document", url: "", libraryId: "3f0c2a8e-0000-4000-8000-000000000000" } } },
        { id: "m3", type: "message", position: { x: 0, y: 300 }, data: { text: "", media: { kind: "image", url: "https://cdn.example.com/precios.pdf" } } },
        { id: "bye", type: "end", position: { x: 0, y: 400 }, data: { text: "Fin" } },
      ],
      edges: [
        { id: "e1", source: "start", target: "m1" },
        { id: "e2", source: "m1", target: "m2" },
        { id: "e3", source: "m2", target: "m3" },
        { id: "e4", source: "m3", target: "bye" },
      ],
    };
    const res = await fetch(`${h.app.url}/api/flows/lint`, {
      method: "POST",
      headers: { ...browserHeaders(h.app.url, editor.cookie), "content-type": "application/json" },
      body: JSON.stringify({ document, locale: "en" }),
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { ok: boolean; errors: { code: string; nodeId?: string; message: string }[]; warnings: { code: string; nodeId?: string }[] };
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => [e.code, e.nodeId])).toEqual(
      expect.arrayContaining([
        ["media_library_kind", "m1"],
        ["media_library_missing", "m2"],
      ]),
    );
    expect(report.errors.find((e) => e.code === "media_library_kind")!.message).toBe('The file "Lista de precios" is a document, but this sends an image.');
    expect(report.warnings.map((w) => [w.code, w.nodeId])).toContainEqual(["media_url_kind", "m3"]);
  });
});

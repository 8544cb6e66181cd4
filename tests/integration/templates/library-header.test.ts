/**
 * Template media headers from the media library (docs/templates.md), on the production server
 * against the fake Graph API: the desk, the desk's "New conversation" and POST /api/messages send
 * a template whose IMAGE or DOCUMENT header is a library file — the sender uploads it to Meta
 * once per channel (the path library files a flow sends take) and puts the upload's id in the
 * header; a file of another kind or not in the library is a 422 naming the header, with nothing
 * stored; a failed upload is retried like any media upload; a flow's template step sends one
 * too (last: it replaces the channel's flow).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TemplateComponent } from "@/lib/contacts/templates";
import { apiMessageRequests, contacts, media, mediaLibraryUploads, messages, messageTemplates } from "@/lib/db/schema";
import type { LibraryItem } from "@/lib/media/library/types";
import { browserHeaders } from "../../support/session";
import { pdf, png } from "../../support/media-fixtures";
import { createConversation, demoIds } from "../desk/fixtures";
import { type DeskUser, deskMessage, deskUser } from "../media/support";
import type { FlowDocument } from "@/lib/flow/schema";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { channelId, conversationsOf, customerPhone, eventually, type Harness, publishChannelFlow, startHarness } from "../runtime/harness";

const WABA = "104996782340001";
const mediaDir = mkdtempSync(path.join(tmpdir(), "atendo-template-library-"));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let h: Harness;
let admin: DeskUser;
let agent: DeskUser;
let token = "";
let channel = "";
let ids: Awaited<ReturnType<typeof demoIds>>;
const template: Record<string, string> = {};
let photo: LibraryItem;
let photoBytes: Buffer;
let manual: LibraryItem;

const promoFoto: TemplateComponent[] = [
  { type: "HEADER", format: "IMAGE", example: { header_handle: ["https://cdn.example/h.jpg"] } },
  { type: "BODY", text: "Hola {{1}}, mira la nueva colección." },
];
const manualPdf: TemplateComponent[] = [
  { type: "HEADER", format: "DOCUMENT", example: { header_handle: ["https://cdn.example/m.pdf"] } },
  { type: "BODY", text: "{{1}}, aquí está el manual de tu equipo." },
];

async function addFile(file: { bytes: Buffer; type: string; name: string }, name: string): Promise<LibraryItem> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  form.append("name", name);
  const res = await fetch(`${h.app.url}/api/media-library`, { method: "POST", headers: browserHeaders(h.app.url, admin.cookie), body: form });
  if (res.status !== 201) throw new Error(`the library answered ${res.status}`);
  return ((await res.json()) as { item: LibraryItem }).item;
}

async function call(who: DeskUser | "token", path: string, body: unknown): Promise<{ status: number; json: Json }> {
  const res =
    who === "token"
      ? await fetch(`${h.app.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) })
      : await who.post(path, body);
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Json };
}

/** A conversation the demo agent holds, the customer's window closed (only templates allowed). */
async function held() {
  const waId = customerPhone();
  const conversation = await createConversation(h.database.db, {
    channelId: channel,
    queueId: ids.soporte,
    status: "assigned",
    assigneeId: ids.agent.id,
    waId,
    lastInboundAt: new Date(Date.now() - 30 * 3600_000),
  });
  return { conversation, waId };
}

const sentTo = (waId: string) => h.graph.waitFor(() => h.graph.accepted(waId)[0], 30_000, `the template to ${waId}`);

beforeAll(async () => {
  h = await startHarness({ env: { MEDIA_DIR: mediaDir, RUNTIME_SEND_MAX_BACKOFF_MS: "300" } });
  admin = await deskUser(h, "admin@demo.atendo");
  agent = await deskUser(h, "agent@demo.atendo");
  token = (await call(admin, "/api/tokens", { name: "notifications", role: "admin" })).json.token.token;
  channel = await channelId(h);
  ids = await demoIds(h.database.db);
  // Meta checks each send against the template (parameter count, header kind): the fake does too.
  h.graph.templates.addWaba(WABA, h.channel.accessToken, {
    phoneNumberIds: [h.channel.phoneNumberId],
    templates: [
      { name: "promo_foto", language: "es", status: "APPROVED", category: "UTILITY", components: promoFoto },
      { name: "manual_equipo", language: "es", status: "APPROVED", category: "UTILITY", components: manualPdf },
    ],
  });
  const rows = await h.database.db
    .insert(messageTemplates)
    .values([
      { channelId: channel, name: "promo_foto", language: "es", category: "UTILITY", status: "APPROVED", components: promoFoto },
      { channelId: channel, name: "manual_equipo", language: "es", category: "UTILITY", status: "APPROVED", components: manualPdf },
    ])
    .returning();
  for (const t of rows) template[t.name] = t.id;
  photoBytes = await png(360, 240);
  photo = await addFile({ bytes: photoBytes, type: "image/png", name: "coleccion.png" }, "Colección");
  manual = await addFile({ bytes: Buffer.concat([pdf(), Buffer.from("\n% manual\n")]), type: "application/pdf", name: "manual.pdf" }, "Manual");
});

afterAll(async () => {
  await h?.stop();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe("a template's media header from the library", () => {
  test("desk send: one upload, the header sent by the upload's id; a second send reuses it; the transcript shows the library image", async () => {
    const uploadsBefore = h.graph.media.uploads.length;
    const { conversation, waId } = await held();
    const sent = await call(agent, `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: template.promo_foto,
      params: { header: { kind: "image", libraryId: photo.id }, body: ["Ana"] },
    });
    expect(sent.status).toBe(201);
    const request = await sentTo(waId);
    const uploads = h.graph.media.uploads.slice(uploadsBefore);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ phoneNumberId: h.channel.phoneNumberId, type: "image/png", size: photoBytes.length });
    expect(request.body).toMatchObject({ to: waId, type: "template", template: { name: "promo_foto", language: { code: "es" } } });
    expect((request.body as Json).template.components).toEqual([
      { type: "header", parameters: [{ type: "image", image: { id: uploads[0]!.id } }] },
      { type: "body", parameters: [{ type: "text", text: "Ana" }] },
    ]);
    const kept = await h.database.db.select().from(mediaLibraryUploads).where(eq(mediaLibraryUploads.libraryId, photo.id));
    expect(kept).toMatchObject([{ waMediaId: uploads[0]!.id }]);

    // The transcript: the template links to the conversation's copy of the library file.
    const [message] = await h.database.db.select().from(messages).where(eq(messages.id, sent.json.message.id));
    expect(message!.mediaId).toBeTruthy();
    const [copy] = await h.database.db.select().from(media).where(eq(media.id, message!.mediaId!));
    expect(copy).toMatchObject({ status: "stored", kind: "image", libraryId: photo.id, sniffedMime: "image/png", size: photoBytes.length, conversationId: conversation.id });
    const shown = await deskMessage(agent, conversation.id, copy!.id);
    expect(shown).toMatchObject({ type: "template", media: { kind: "image", status: "stored" } });
    expect(shown.body).toBe("[Image]\nHola Ana, mira la nueva colección.");
    const served = await agent.get(`/api/media/${copy!.id}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(photoBytes)).toBe(true);

    // Sent again to another customer: Meta still has the file, so no second upload.
    const other = await held();
    const again = await call(agent, `/api/desk/conversations/${other.conversation.id}/reply`, {
      kind: "template",
      templateId: template.promo_foto,
      params: { header: { kind: "image", libraryId: photo.id }, body: ["Bea"] },
    });
    expect(again.status).toBe(201);
    const second = await sentTo(other.waId);
    expect((second.body as Json).template.components[0]).toEqual({ type: "header", parameters: [{ type: "image", image: { id: uploads[0]!.id } }] });
    expect(h.graph.media.uploads.length).toBe(uploadsBefore + 1);
  });

  test("a library file of another kind, or one not in the library: 422 naming the header, nothing stored or sent", async () => {
    const { conversation, waId } = await held();
    const wrongKind = await call(agent, `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: template.promo_foto,
      params: { header: { kind: "image", libraryId: manual.id }, body: ["Ana"] },
    });
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.json.error.message).toBe('The header needs an image: the library file "Manual" is a document');
    expect(wrongKind.json.error.details.issues).toEqual([
      { path: "header", variable: "{{image}}", code: "media_kind", message: 'The library file "Manual" is a document, not an image' },
    ]);

    const unknown = await call(agent, `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: template.promo_foto,
      params: { header: { kind: "image", libraryId: "3f0c2a8e-0000-4000-8000-000000000000" }, body: ["Ana"] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toMatchObject({ reason: "library_file_unknown", issues: [{ path: "header", variable: "{{image}}" }] });

    // A file given two ways is ambiguous: refused rather than one silently ignored.
    const twice = await call(agent, `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: template.promo_foto,
      params: { header: { kind: "image", libraryId: photo.id, url: "https://cdn.example/otra.jpg" }, body: ["Ana"] },
    });
    expect(twice.status).toBe(422);
    expect(twice.json.error.details.issues).toMatchObject([{ path: "header", code: "invalid" }]);

    expect(await h.database.db.select().from(messages).where(and(eq(messages.conversationId, conversation.id), eq(messages.direction, "outbound")))).toEqual([]);
    expect(await h.database.db.select().from(media).where(eq(media.conversationId, conversation.id))).toEqual([]);
    expect(h.graph.accepted(waId)).toEqual([]);
  });

  test("the desk's New conversation: a DOCUMENT header from the library, with the name the customer sees", async () => {
    const uploadsBefore = h.graph.media.uploads.length;
    const waId = customerPhone();
    const started = await call(agent, "/api/desk/outreach", {
      phone: `+${waId}`,
      queueId: ids.soporte,
      templateId: template.manual_equipo,
      params: { header: { kind: "document", libraryId: manual.id, filename: "manual-equipo.pdf" }, body: ["Caio"] },
    });
    expect(started.status).toBe(201);
    const request = await sentTo(waId);
    const [upload] = h.graph.media.uploads.slice(uploadsBefore);
    expect(upload).toMatchObject({ type: "application/pdf" });
    expect((request.body as Json).template.components[0]).toEqual({
      type: "header",
      parameters: [{ type: "document", document: { id: upload!.id, filename: "manual-equipo.pdf" } }],
    });
  });

  test("POST /api/messages: the library header sent by the channel's upload; an unknown file is 422 and the request is not kept", async () => {
    const uploadsBefore = h.graph.media.uploads.length;
    const [cached] = await h.database.db.select().from(mediaLibraryUploads).where(eq(mediaLibraryUploads.libraryId, photo.id));
    const waId = customerPhone();
    const body = {
      clientKey: `promo-${waId}`,
      to: `+${waId}`,
      template: { name: "promo_foto", language: "es", parameters: { header: { kind: "image", libraryId: photo.id }, body: ["Dora"] } },
      replyTo: { queue: "soporte" },
    };
    const answer = await call("token", "/api/messages", body);
    expect(answer.status).toBe(201);
    const request = await sentTo(waId);
    expect((request.body as Json).template.components[0]).toEqual({ type: "header", parameters: [{ type: "image", image: { id: cached!.waMediaId } }] });
    expect(h.graph.media.uploads.length).toBe(uploadsBefore);

    const stranger = customerPhone();
    const refused = await call("token", "/api/messages", {
      ...body,
      clientKey: `promo-${stranger}`,
      to: `+${stranger}`,
      template: { ...body.template, parameters: { header: { kind: "image", libraryId: "3f0c2a8e-0000-4000-8000-00000000abcd" }, body: ["Eva"] } },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toMatchObject({ reason: "library_file_unknown", issues: [{ path: "header" }] });
    expect(await h.database.db.select().from(apiMessageRequests).where(eq(apiMessageRequests.clientKey, `promo-${stranger}`))).toEqual([]);
    expect(await h.database.db.select().from(contacts).where(and(eq(contacts.channelId, channel), eq(contacts.waId, stranger)))).toEqual([]);
  });

  test("a failed upload is retried like any media upload, then the template goes", async () => {
    const fresh = await addFile({ bytes: await png(123, 77), type: "image/png", name: "nuevo.png" }, "Nuevo");
    h.graph.media.failUploads(500, 1, 1);
    const refusedBefore = h.graph.media.refusedUploads.length;
    const uploadsBefore = h.graph.media.uploads.length;
    const { conversation, waId } = await held();
    const sent = await call(agent, `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: template.promo_foto,
      params: { header: { kind: "image", libraryId: fresh.id }, body: ["Flor"] },
    });
    expect(sent.status).toBe(201);
    const request = await sentTo(waId);
    expect(h.graph.media.refusedUploads.length).toBe(refusedBefore + 1);
    const [upload] = h.graph.media.uploads.slice(uploadsBefore);
    expect((request.body as Json).template.components[0]).toEqual({ type: "header", parameters: [{ type: "image", image: { id: upload!.id } }] });
    await eventually(async () => {
      const [m] = await h.database.db.select().from(messages).where(eq(messages.id, sent.json.message.id));
      return m?.deliveryStatus === "sent";
    }, 30_000, "the template recorded sent");
  });

  test("a flow's template step with a library file header: checked by the publish lint, sent by the channel's upload, shown from the conversation's copy", async () => {
    const step = (libraryId: string) => ({
      id: "promo",
      type: "template",
      position: { x: 0, y: 100 },
      data: { template: { name: "promo_foto", language: "es", category: "UTILITY", components: promoFoto }, headerMedia: { libraryId }, body: ["{{contact.name}}"] },
    });
    const document = (libraryId: string) => ({
      schemaVersion: 1,
      nodes: [
        { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
        step(libraryId),
        { id: "bye", type: "end", position: { x: 0, y: 200 }, data: { text: "¡Gracias!" } },
      ],
      edges: [
        { id: "e1", source: "start", target: "promo" },
        { id: "e2", source: "promo", target: "bye" },
        { id: "e3", source: "promo", sourceHandle: "skipped", target: "bye" },
      ],
    });
    const editor = await deskUser(h, "editor@demo.atendo");
    const lint = async (libraryId: string) =>
      (await (await editor.post("/api/flows/lint", { document: document(libraryId), locale: "en" })).json()) as { errors: { code: string; nodeId?: string; message: string }[] };
    expect((await lint(manual.id)).errors.map((e) => [e.code, e.nodeId])).toContainEqual(["media_library_kind", "promo"]);
    expect((await lint(photo.id)).errors).toEqual([]);

    const [cached] = await h.database.db.select().from(mediaLibraryUploads).where(eq(mediaLibraryUploads.libraryId, photo.id));
    const uploadsBefore = h.graph.media.uploads.length;
    await publishChannelFlow(h, (doc) => ({ ...doc, ...document(photo.id) }) as FlowDocument);
    const waId = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(waId, "hola"), "Gabi"));
    const request = await sentTo(waId);
    expect((request.body as Json).template.components).toEqual([
      { type: "header", parameters: [{ type: "image", image: { id: cached!.waMediaId } }] },
      { type: "body", parameters: [{ type: "text", text: "Gabi" }] },
    ]);
    expect(h.graph.media.uploads.length).toBe(uploadsBefore);
    const [conversation] = await conversationsOf(h, waId);
    const sent = await eventually(async () => {
      const rows = await h.database.db.select().from(messages).where(and(eq(messages.conversationId, conversation!.id), eq(messages.type, "template")));
      return rows[0];
    }, 30_000, "the template in the transcript");
    const [copy] = await h.database.db.select().from(media).where(eq(media.id, sent.mediaId!));
    expect(copy).toMatchObject({ status: "stored", kind: "image", libraryId: photo.id, conversationId: conversation!.id });
  });
});

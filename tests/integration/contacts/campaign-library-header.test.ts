/**
 * A campaign whose template's IMAGE header is a media library file (docs/templates.md,
 * docs/outreach.md), against the fake Graph API with the campaign loop and the outbox sender
 * running in this process on a real PostgreSQL: the file is uploaded once for the channel and
 * every recipient's template carries the upload's id; a file of another kind, or not in the
 * library, is refused naming the header before anything is stored.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { type FakeGraph, startFakeGraph } from "../../support/fake-graph";
import { pdf, png } from "../../support/media-fixtures";
import { eventually } from "../runtime/harness";

// Configuration is read once: the Graph API and the media directory are set before the app's modules load.
const graphPort = await freePort();
const mediaDir = mkdtempSync(path.join(tmpdir(), "atendo-campaign-library-"));
process.env.WHATSAPP_GRAPH_URL = `http://127.0.0.1:${graphPort}/v23.0`;
process.env.MEDIA_STORAGE = "local";
process.env.MEDIA_DIR = mediaDir;
const { channels, messageTemplates } = await import("@/lib/db/schema");
const { sealSecrets } = await import("@/lib/channels/credentials");
const { startCampaignLoop } = await import("@/lib/contacts/campaigns/loop");
const { createCampaign } = await import("@/lib/contacts/campaigns/queries");
const { addToLibrary } = await import("@/lib/media/library/add");
const { OutboxSender } = await import("@/lib/runtime/sender");
const { runLoop } = await import("@/lib/runtime/loop");

const all = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

let database: TestDatabase;
let graph: FakeGraph;
const phoneNumberId = `1557${randomBytes(4).readUInt32BE() % 10_000_000}`.padEnd(12, "0");
const secrets = { accessToken: `EAAtest${randomBytes(8).toString("hex")}`, appSecret: randomBytes(16).toString("hex"), verifyToken: "verify-campaign-library" };
const WABA = "102290129349911";
const components = [
  { type: "HEADER" as const, format: "IMAGE" as const, example: { header_handle: ["https://cdn.example/h.jpg"] } },
  { type: "BODY" as const, text: "Hola {{1}}, llegó la colección de verano." },
];
let channelId = "";
let templateId = "";

beforeAll(async () => {
  database = await createTestDatabase({ max: 10 });
  graph = await startFakeGraph({ port: graphPort, tokens: { [phoneNumberId]: secrets.accessToken } });
  graph.templates.addWaba(WABA, secrets.accessToken, {
    phoneNumberIds: [phoneNumberId],
    templates: [{ name: "coleccion", language: "es", status: "APPROVED", category: "UTILITY", components }],
  });
  const [channel] = await database.db
    .insert(channels)
    .values({ name: "Campaign library", phoneNumberId, wabaId: WABA, displayNumber: "+1 555 000 0001", sandbox: false, sendRatePerSecond: 1_000, ...sealSecrets(secrets) })
    .returning();
  channelId = channel!.id;
  const [template] = await database.db
    .insert(messageTemplates)
    .values({ channelId, name: "coleccion", language: "es", category: "UTILITY", status: "APPROVED", components })
    .returning();
  templateId = template!.id;
}, 120_000);

afterAll(async () => {
  await graph?.stop();
  await database?.drop();
  rmSync(mediaDir, { recursive: true, force: true });
});

const csv = ["phone,name", "+5521900000001,Ana", "+5521900000002,Bruno", "+5521900000003,Carla"].join("\n");

function create(libraryId: string) {
  return createCampaign(
    database.db as never,
    {
      channelId,
      templateId,
      name: "Verano",
      audience: { kind: "csv", csv },
      mapping: { "header.image": { source: "library", libraryId }, "body.1": { source: "column", column: "name" } },
      skipInvalid: false,
      scheduledAt: null,
      replyTo: null,
    },
    null,
  );
}

const campaignCount = async () => all<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from campaigns`))[0]!.n;

describe("a campaign with a library file as its template's media header", () => {
  test("another kind or an unknown file: 422 naming the header, no campaign stored", async () => {
    const manual = (await addToLibrary(database.db as never, null, { bytes: pdf(), declaredType: "application/pdf", filename: "manual.pdf", name: "Manual" })).item;
    await expect(create(manual.id)).rejects.toMatchObject({
      status: 422,
      message: 'The header needs an image: the library file "Manual" is a document',
      details: { issues: [{ path: "header", variable: "{{image}}", code: "media_kind" }] },
    });
    await expect(create("3f0c2a8e-0000-4000-8000-000000000000")).rejects.toMatchObject({
      status: 422,
      details: { reason: "library_file_unknown", issues: [{ path: "header" }] },
    });
    expect(await campaignCount()).toBe(0);
  });

  test("every recipient gets the template with the id of one upload of the file", { timeout: 60_000 }, async () => {
    const bytes = await png(300, 200);
    const photo = (await addToLibrary(database.db as never, null, { bytes, declaredType: "image/png", filename: "verano.png", name: "Verano" })).item;
    const created = await create(photo.id);
    expect(created.status).toBe("running");

    const sender = new OutboxSender(database.db as never, database.db as never);
    const sending = runLoop("outbox sender", "outbox", () => sender.tick(), 50);
    const campaigns = startCampaignLoop(database.db as never);
    try {
      const phones = ["5521900000001", "5521900000002", "5521900000003"];
      await eventually(async () => phones.every((p) => graph.accepted(p).length === 1), 30_000, "the three templates");
      expect(graph.media.uploads).toHaveLength(1);
      expect(graph.media.uploads[0]).toMatchObject({ phoneNumberId, type: "image/png", size: bytes.length });
      const id = graph.media.uploads[0]!.id;
      for (const [i, phone] of phones.entries()) {
        const body = graph.accepted(phone)[0]!.body as { template: { components: unknown[] } };
        expect(body.template.components).toEqual([
          { type: "header", parameters: [{ type: "image", image: { id } }] },
          { type: "body", parameters: [{ type: "text", text: ["Ana", "Bruno", "Carla"][i] }] },
        ]);
      }
      const kept = all<{ wa_media_id: string }>(await database.db.execute(sql`select wa_media_id from media_library_uploads where library_id = ${photo.id}::uuid`));
      expect(kept).toEqual([{ wa_media_id: id }]);
    } finally {
      await campaigns.stop();
      await sending.stop();
      await sender.drain();
    }
  });
});

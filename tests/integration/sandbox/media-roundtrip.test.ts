import { afterAll, beforeAll, expect, test } from "vitest";
import { media } from "@/lib/db/schema";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";

// The sandbox end to end, no fakes: the simulated customer's file goes through the real webhook
// route, and the app's media fetcher downloads it through the sandbox's Graph media endpoints
// exactly as it would from Meta (GET /{media-id}, then the short-lived url).

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

let database: TestDatabase;
let app: AppServer;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
  const session = await signIn(app.url, "admin@demo.atendo", "atendo-demo");
  expect(session.ok).toBe(true);
  cookie = session.cookie;
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

async function sendFile(bytes: Buffer, type: string, name: string, caption?: string) {
  const form = new FormData();
  form.set("phone", "5511944440000");
  form.set("name", "Rita Lopes");
  if (caption) form.set("caption", caption);
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${app.url}/api/sandbox/media`, { method: "POST", headers: browserHeaders(app.url, cookie), body: form });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { webhook: { ok: boolean } };
  expect(answer.webhook.ok).toBe(true);
}

async function storedRow(filter: (row: typeof media.$inferSelect) => boolean) {
  for (let i = 0; i < 100; i++) {
    const row = (await database.db.select().from(media)).find(filter);
    if (row && row.status !== "pending") return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the file was not fetched in time");
}

test("a simulated customer's photo and PDF are fetched by the app through the sandbox's Graph media endpoints", async () => {
  await sendFile(PNG, "image/png", "foto.png", "Producto roto");
  await sendFile(PDF, "application/pdf", "factura.pdf");

  const photo = await storedRow((r) => r.kind === "image");
  expect(photo).toMatchObject({ status: "stored", sniffedMime: "image/png", size: PNG.length, caption: "Producto roto" });
  const pdf = await storedRow((r) => r.kind === "document");
  expect(pdf).toMatchObject({ status: "stored", sniffedMime: "application/pdf", size: PDF.length, filename: "factura.pdf" });

  // The desk serves the very bytes the customer attached.
  const served = await fetch(`${app.url}/api/media/${photo.id}`, { headers: { cookie } });
  expect(served.status).toBe(200);
  expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
  const doc = await fetch(`${app.url}/api/media/${pdf.id}`, { headers: { cookie } });
  expect(doc.headers.get("content-disposition")).toMatch(/^attachment/);
});

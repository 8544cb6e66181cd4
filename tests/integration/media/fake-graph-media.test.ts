/**
 * The fake Graph API's media endpoints behave like Meta's where the app relies on them:
 * metadata and download need the Bearer token, an unknown id is error 100, uploads are
 * multipart and recorded (for the outbound slice's tests).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { startFakeGraph, type FakeGraph } from "../../support/fake-graph";
import { sha256Of } from "../../support/fake-graph-media";

let graph: FakeGraph;
const phone = "155500001111";
const token = "EAAtest-token";

beforeAll(async () => {
  graph = await startFakeGraph();
  graph.setToken(phone, token);
});

afterAll(async () => {
  await graph?.stop();
});

const auth = { authorization: `Bearer ${token}` };

test("GET /{media-id} answers a download URL that serves the bytes, both with the token only", async () => {
  const bytes = Buffer.from("%PDF-1.4 test");
  const file = graph.media.add(bytes, "application/pdf", { sha256Form: "hex" });
  expect((await fetch(`${graph.url}/${file.id}`)).status).toBe(401);
  const info = (await (await fetch(`${graph.url}/${file.id}`, { headers: auth })).json()) as Record<string, unknown>;
  expect(info).toMatchObject({ messaging_product: "whatsapp", mime_type: "application/pdf", sha256: sha256Of(bytes, "hex"), file_size: bytes.length, id: file.id });
  expect((await fetch(String(info.url))).status).toBe(401);
  const download = await fetch(String(info.url), { headers: auth });
  expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
});

test("an unknown or expired id is Graph error 100", async () => {
  const res = await fetch(`${graph.url}/999999`, { headers: auth });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: { code: number } }).error.code).toBe(100);
});

test("POST /{phone-number-id}/media takes a multipart upload and records it", async () => {
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("type", "image/png");
  form.set("file", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "foto.png");
  const res = await fetch(`${graph.url}/${phone}/media`, { method: "POST", headers: auth, body: form });
  expect(res.status).toBe(200);
  const { id } = (await res.json()) as { id: string };
  expect(graph.media.uploads.at(-1)).toMatchObject({ phoneNumberId: phone, type: "image/png", fileName: "foto.png", size: 3, id });
  const refused = await fetch(`${graph.url}/${phone}/media`, { method: "POST", headers: { authorization: "Bearer wrong" }, body: form });
  expect(refused.status).toBe(401);
});

/**
 * S3 mode end to end: the production server stores a customer's photo in a real
 * S3-compatible server (s3rver) and serves it, its thumbnail and a byte range from there.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { S3Storage } from "@/lib/media/storage/s3";
import { originalKey } from "@/lib/media/storage/keys";
import { jpeg } from "../../support/media-fixtures";
import { startS3Server, type S3Server } from "../../support/s3-server";
import { customerPhone, startHarness, type Harness } from "../runtime/harness";
import { deskMessage, deskUser, sendMedia, settledMedia } from "./support";

let s3: S3Server;
let h: Harness;

beforeAll(async () => {
  s3 = await startS3Server();
  h = await startHarness({ env: s3.env });
});

afterAll(async () => {
  await h?.stop();
  await s3?.stop();
});

test("a customer's photo is stored in S3 and served from it", async () => {
  const bytes = await jpeg(1024, 768);
  const file = h.graph.media.add(bytes, "image/jpeg", { sha256Form: "hex" });
  await sendMedia(h, customerPhone(), "image", file, { caption: "Foto do produto" });
  const row = await settledMedia(h, file.id);
  expect(row.status).toBe("stored");

  // In the bucket, under our key.
  const storage = new S3Storage({
    endpoint: s3.endpoint,
    region: "us-east-1",
    bucket: s3.bucket,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID!, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY! },
  });
  expect(await storage.head(originalKey(row.id))).toEqual({ size: bytes.length, contentType: "image/jpeg" });
  storage.destroy();

  const admin = await deskUser(h, "admin@demo.atendo");
  const whole = await admin.get(`/api/media/${row.id}`);
  expect(whole.status).toBe(200);
  expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
  const part = await admin.get(`/api/media/${row.id}`, { range: "bytes=0-99" });
  expect(part.status).toBe(206);
  expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(0, 100))).toBe(true);
  const thumb = await admin.get(`/api/media/${row.id}?variant=thumb`);
  expect(thumb.headers.get("content-type")).toBe("image/webp");
  expect((await deskMessage(admin, row.conversationId, row.id)).media).toMatchObject({ status: "stored", caption: "Foto do produto" });
});

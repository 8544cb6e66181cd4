/**
 * Both media storages pass the same contract: the local disk, and S3 against a real
 * S3-compatible server (s3rver) on a loopback port.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LocalDiskStorage } from "@/lib/media/storage/local";
import { S3Storage } from "@/lib/media/storage/s3";
import type { MediaStorage } from "@/lib/media/storage/types";
import { startS3Server, type S3Server } from "../../support/s3-server";

let s3: S3Server;
let s3Storage: S3Storage;
const localRoot = mkdtempSync(path.join(tmpdir(), "atendo-local-media-"));

beforeAll(async () => {
  s3 = await startS3Server();
  s3Storage = new S3Storage({
    endpoint: s3.endpoint,
    region: "us-east-1",
    bucket: s3.bucket,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID!, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY! },
  });
});

afterAll(async () => {
  s3Storage?.destroy();
  await s3?.stop();
  rmSync(localRoot, { recursive: true, force: true });
});

const storages: [string, () => MediaStorage][] = [
  ["local disk", () => new LocalDiskStorage(localRoot)],
  ["S3 (s3rver)", () => s3Storage],
];

describe.each(storages)("%s", (_name, storage) => {
  const key = () => `media/${randomBytes(8).toString("hex")}/original`;

  test("a file put is read back whole, in ranges, and described by head", async () => {
    const k = key();
    const bytes = randomBytes(10_000);
    expect(await storage().put(k, bytes, { contentType: "image/png" })).toEqual({ size: 10_000 });
    expect(await storage().head(k)).toEqual({ size: 10_000, contentType: "image/png" });
    const whole = await storage().get(k);
    expect(whole?.size).toBe(10_000);
    expect(whole?.contentType).toBe("image/png");
    expect((await buffer(whole!.body)).equals(bytes)).toBe(true);
    const part = await storage().get(k, { start: 100, end: 199 });
    expect(part?.size).toBe(100);
    expect((await buffer(part!.body)).equals(bytes.subarray(100, 200))).toBe(true);
    const last = await storage().get(k, { start: 9_999, end: 9_999 });
    expect((await buffer(last!.body)).equals(bytes.subarray(9_999))).toBe(true);
  });

  test("a stream is stored without knowing its length (a 7 MB file: several parts on S3)", async () => {
    const k = key();
    const bytes = randomBytes(7 * 1024 * 1024);
    const chunks = Array.from({ length: 112 }, (_, i) => bytes.subarray(i * 65_536, (i + 1) * 65_536));
    expect(await storage().put(k, Readable.from(chunks), { contentType: "video/mp4" })).toEqual({ size: bytes.length });
    expect((await storage().head(k))?.size).toBe(bytes.length);
    expect((await buffer((await storage().get(k))!.body)).equals(bytes)).toBe(true);
  });

  test("absent keys are null; delete removes and is idempotent; a put replaces", async () => {
    const k = key();
    expect(await storage().get(k)).toBeNull();
    expect(await storage().head(k)).toBeNull();
    await storage().put(k, Buffer.from("one"), { contentType: "text/plain" });
    await storage().put(k, Buffer.from("second"), { contentType: "text/plain" });
    expect((await storage().head(k))?.size).toBe(6);
    await storage().delete(k);
    expect(await storage().head(k)).toBeNull();
    await storage().delete(k);
  });

  test("keys that are not ours never reach the storage", async () => {
    for (const bad of ["../escape", "/etc/passwd", "media/../../x", "Media/X"]) {
      await expect(storage().put(bad, Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/invalid media storage key/);
      await expect(storage().get(bad)).rejects.toThrow(/invalid media storage key/);
    }
  });

  test("a source that fails stores nothing", async () => {
    const k = key();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024));
        this.destroy(new Error("source broke"));
      },
    });
    await expect(storage().put(k, failing, { contentType: "text/plain" })).rejects.toThrow();
    expect(await storage().head(k)).toBeNull();
  });
});

test("the local disk writes atomically: no temporary file is left behind", async () => {
  const local = new LocalDiskStorage(localRoot);
  await local.put("media/atomic/original", randomBytes(1000), { contentType: "image/jpeg" });
  expect(readdirSync(path.join(localRoot, "media", "atomic")).sort()).toEqual(["original", "original~type"]);
});

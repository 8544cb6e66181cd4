/**
 * MEDIA_RETENTION_DAYS: files stored longer are deleted from storage; the transcript keeps the
 * row as a stub that says so.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { media } from "@/lib/db/schema";
import { flushEvents } from "@/lib/realtime/publisher";
import { removeExpiredFiles } from "@/lib/media/retention";
import { LocalDiskStorage } from "@/lib/media/storage/local";
import { originalKey, thumbnailKey } from "@/lib/media/storage/keys";
import { toMediaView } from "@/lib/media/view";
import { createTestDatabase, type TestDatabase } from "../../support/db";

const dir = mkdtempSync(path.join(tmpdir(), "atendo-retention-"));
let database: TestDatabase;

beforeAll(async () => {
  // Read by the code under test on first use.
  process.env.MEDIA_RETENTION_DAYS = "7";
  process.env.MEDIA_DIR = dir;
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function storedFile(daysAgo: number) {
  const id = randomUUID();
  const storage = new LocalDiskStorage(dir);
  await storage.put(originalKey(id), Buffer.from("jpeg bytes"), { contentType: "image/jpeg" });
  await storage.put(thumbnailKey(id), Buffer.from("webp bytes"), { contentType: "image/webp" });
  await database.db.insert(media).values({
    id,
    channelId: randomUUID(),
    conversationId: randomUUID(),
    messageId: randomUUID(),
    waMediaId: `wa-${id}`,
    kind: "image",
    declaredMime: "image/jpeg",
    sniffedMime: "image/jpeg",
    size: 10,
    status: "stored",
    storageKey: originalKey(id),
    thumbnailKey: thumbnailKey(id),
    storedAt: new Date(Date.now() - daysAgo * 86_400_000),
  });
  return id;
}

test("files older than the retention are removed; the row stays as a stub saying so", async () => {
  const old = await storedFile(10);
  const recent = await storedFile(1);
  expect(await removeExpiredFiles(database.db)).toBe(1);
  await flushEvents(database.db);

  const storage = new LocalDiskStorage(dir);
  expect(await storage.head(originalKey(old))).toBeNull();
  expect(await storage.head(thumbnailKey(old))).toBeNull();
  expect(await storage.head(originalKey(recent))).not.toBeNull();

  const [stub] = await database.db.select().from(media).where(eq(media.id, old));
  expect(stub!.deletedAt).not.toBeNull();
  expect(toMediaView(stub!)).toMatchObject({ status: "failed", failureCode: "expired", failureReason: "The file was removed after 7 days (MEDIA_RETENTION_DAYS)" });
  const [kept] = await database.db.select().from(media).where(eq(media.id, recent));
  expect(kept!.status).toBe("stored");

  expect(await removeExpiredFiles(database.db)).toBe(0);
});

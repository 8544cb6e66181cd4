import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { mediaLibrary } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { makeThumbnail, THUMBNAIL_TYPE } from "../fetcher/thumbnail";
import { getMediaStorage } from "../storage";
import { libraryOriginalKey, libraryThumbnailKey } from "../storage/keys";
import { checkUpload, cleanFilename } from "../upload-check";
import { findLibraryBySha, toLibraryItem } from "./queries";
import type { LibraryItem } from "./types";

export type LibraryUpload = { bytes: Buffer; declaredType: string | null; filename: string | null; name: string | null };

export const LIBRARY_NAME_MAX = 200;

/**
 * Adds a file to the media library (docs/media.md → Media library): checked like an agent's
 * upload, stored with a thumbnail for images, one row. The same bytes uploaded again are the
 * item that exists (`created: false`), so a library does not fill with copies.
 */
export async function addToLibrary(db: DbOrTx, userId: string | null, upload: LibraryUpload): Promise<{ item: LibraryItem; created: boolean }> {
  const name = (upload.name?.trim() || cleanFilename(upload.filename) || "").slice(0, LIBRARY_NAME_MAX);
  const dir = await mkdtemp(path.join(tmpdir(), "atendo-library-"));
  const storage = getMediaStorage();
  const keys: string[] = [];
  try {
    const file = path.join(dir, "upload");
    await writeFile(file, upload.bytes);
    const checked = await checkUpload({ size: upload.bytes.length, declaredType: upload.declaredType }, file);
    if (checked.kind === "sticker") {
      throw new AppError("unsupported_media_type", "Flows send images, videos, audio and documents; WebP stickers cannot be used", { details: { reason: "refused_type" } });
    }
    const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
    const existing = await findLibraryBySha(db, sha256);
    if (existing) return { item: toLibraryItem(existing), created: false };
    const id = randomUUID();
    try {
      await storage.put(libraryOriginalKey(id), createReadStream(file), { contentType: checked.mime });
      keys.push(libraryOriginalKey(id));
    } catch (error) {
      throw new AppError("unavailable", "The file could not be stored; try again", { cause: error });
    }
    let thumbKey: string | null = null;
    if (checked.kind === "image") {
      const thumb = await makeThumbnail(file);
      if (thumb) {
        thumbKey = libraryThumbnailKey(id);
        await storage.put(thumbKey, thumb, { contentType: THUMBNAIL_TYPE });
        keys.push(thumbKey);
      }
    }
    const [row] = await db
      .insert(mediaLibrary)
      .values({
        id,
        name: name || `${checked.kind}-${id.slice(0, 8)}`,
        kind: checked.kind,
        mime: checked.mime,
        size: upload.bytes.length,
        sha256,
        storageKey: libraryOriginalKey(id),
        thumbnailKey: thumbKey,
        createdBy: userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      // The same file, uploaded at the same moment by someone else: theirs is the item.
      const other = await findLibraryBySha(db, sha256);
      if (other) return { item: toLibraryItem(other), created: false };
      throw new AppError("conflict", "The file could not be added; try again");
    }
    keys.length = 0;
    return { item: toLibraryItem(row), created: true };
  } finally {
    // Nothing stays stored for a file that was refused or not recorded.
    for (const key of keys) await storage.delete(key).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

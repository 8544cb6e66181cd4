import "server-only";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MEDIA_LIMITS } from "../limits";
import { getMediaStorage } from "../storage";
import { originalKey, thumbnailKey } from "../storage/keys";
import type { MediaKind } from "../types";
import { matchesMetaDigest } from "./checksum";
import { downloadTo, getMediaInfo } from "./graph-media";
import { fail, FetchProblem, retry } from "./outcome";
import { checkType } from "./sniff";
import { makeThumbnail, THUMBNAIL_TYPE } from "./thumbnail";

export type MediaJob = {
  id: string;
  kind: MediaKind;
  waMediaId: string;
  declaredMime: string | null;
  /** From the webhook; Meta's media API reports it again (either may be hex or base64). */
  sha256: string | null;
};

export type Stored = { sniffedMime: string; size: number; storageKey: string; thumbnailKey: string | null };

const MB = 1024 * 1024;

function limitText(kind: MediaKind): string {
  const max = MEDIA_LIMITS[kind].maxBytes;
  const shown = max >= MB ? `${max / MB} MB` : `${max / 1024} KB`;
  return `WhatsApp refuses ${kind === "sticker" ? "stickers" : `${kind}s`} over ${shown}`;
}

/**
 * One attempt at one file: Meta's media API for the short-lived URL → the download (in memory
 * for images and stickers, else streamed to a temporary file; capped at the kind's limit, hashed) → the checks (Meta's sha256, the
 * type read from the bytes) → storage, and a thumbnail for images and stickers. Nothing is
 * stored unless every check passed. Throws a FetchProblem saying whether to try again.
 */
export async function fetchOne(
  job: MediaJob,
  channel: { graphUrl: string; accessToken: string },
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<Stored> {
  const limits = MEDIA_LIMITS[job.kind];
  const info = await getMediaInfo(channel.graphUrl, job.waMediaId, channel.accessToken, options);
  if (info.file_size !== undefined && info.file_size > limits.maxBytes) {
    throw fail("too_large", `The file has ${info.file_size} bytes: ${limitText(job.kind)}`);
  }
  // Images (5 MB at most) and stickers (500 KB) stay in memory: no temporary file written and
  // read back. Audio, video and documents (up to 100 MB) stream through a temporary file.
  const inMemory = job.kind === "image" || job.kind === "sticker";
  const dir = inMemory ? null : await mkdtemp(path.join(tmpdir(), "atendo-media-"));
  try {
    const file = dir ? path.join(dir, "download") : null;
    const got = await downloadTo(info.url, channel.accessToken, file, { ...options, maxBytes: limits.maxBytes, limitText: limitText(job.kind) });
    if (info.file_size !== undefined && got.size !== info.file_size) {
      // Cut short (or padded) on the way: the next attempt may get it whole.
      throw retry(`The download had ${got.size} of ${info.file_size} bytes`);
    }
    const matches = matchesMetaDigest(info.sha256 ?? job.sha256, got.sha256);
    // The whole file arrived and is not the one Meta hashed: downloading it again gives the same bytes.
    if (matches === false) throw fail("checksum", "The file does not match the SHA-256 Meta reported");
    const source = file ?? got.bytes!;
    const sniffedMime = await checkType(job.kind, job.declaredMime ?? info.mime_type ?? null, source);
    const storage = getMediaStorage();
    const key = originalKey(job.id);
    try {
      await storage.put(key, typeof source === "string" ? createReadStream(source) : source, { contentType: sniffedMime });
    } catch (error) {
      throw retry(`The storage refused the file: ${(error as Error).message}`);
    }
    let thumbKey: string | null = null;
    if (job.kind === "image" || job.kind === "sticker") {
      const thumb = await makeThumbnail(source);
      if (thumb) {
        thumbKey = thumbnailKey(job.id);
        try {
          await storage.put(thumbKey, thumb, { contentType: THUMBNAIL_TYPE });
        } catch (error) {
          throw retry(`The storage refused the thumbnail: ${(error as Error).message}`);
        }
      }
    }
    return { sniffedMime, size: got.size, storageKey: key, thumbnailKey: thumbKey };
  } catch (error) {
    if (error instanceof FetchProblem) throw error;
    throw retry((error as Error).message);
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

import "server-only";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors/app-error";
import { MEDIA_NOT_FOUND } from "../access";
import { getMediaStorage } from "../storage";
import type { MediaRow } from "../view";

/** What serving needs of a stored file: a message's media row or a library item. */
export type ServableFile = { id: string; kind: string; storageKey: string | null; thumbnailKey: string | null; mime: string | null; filename: string | null };

/** A media row's file, or null while it is not stored (pending, failed, removed). */
export function servableMedia(row: MediaRow): ServableFile | null {
  if (row.status !== "stored") return null;
  return { id: row.id, kind: row.kind, storageKey: row.storageKey, thumbnailKey: row.thumbnailKey, mime: row.sniffedMime, filename: row.filename };
}
import { contentDisposition, safeFilename } from "./disposition";
import { parseRange } from "./range";

export type Variant = "original" | "thumb";

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "application/pdf": "pdf",
  "text/plain": "txt",
};

/**
 * The stored file (or its thumbnail) as an HTTP response for a row the caller may read:
 * `Content-Type` from the type read from the bytes, `nosniff`, inline only for images, audio
 * and video (never SVG/HTML/XML), byte ranges so players can seek. Cached privately: the
 * file never changes, but it is only for this user.
 */
export async function serveMedia(row: ServableFile | null, variant: Variant, rangeHeader: string | null): Promise<Response> {
  const key = variant === "thumb" ? row?.thumbnailKey : row?.storageKey;
  if (!row || !key) throw new AppError("not_found", MEDIA_NOT_FOUND);
  const storage = getMediaStorage();
  const head = await storage.head(key);
  if (!head) throw new AppError("not_found", MEDIA_NOT_FOUND);
  const contentType = variant === "thumb" ? head.contentType : (row.mime ?? head.contentType);
  const name = safeFilename(row.filename, `${row.kind}-${row.id.slice(0, 8)}${EXTENSIONS[contentType] ? `.${EXTENSIONS[contentType]}` : ""}`);
  const headers = new Headers({
    "Content-Type": contentType,
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": contentDisposition(contentType, name),
    "Accept-Ranges": "bytes",
    // no-transform: never recompressed on the way (the formats are compressed already, and a
    // gzipped 206 would no longer be the bytes its Content-Range names).
    "Cache-Control": "private, max-age=86400, immutable, no-transform",
    // Served from our origin: a file opened directly must not run anything even if a browser guessed wrong.
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  });
  const range = parseRange(rangeHeader, head.size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${head.size}`);
    return new Response(null, { status: 416, headers });
  }
  const object = await storage.get(key, range ?? undefined);
  if (!object) throw new AppError("not_found", MEDIA_NOT_FOUND);
  // Next.js drops Content-Length from route handlers' responses (the body is streamed): the
  // total size travels in Content-Range, which is what players seek by.
  if (range) headers.set("Content-Range", `bytes ${range.start}-${range.end}/${head.size}`);
  // Node's web stream and the DOM's ReadableStream are the same object under two type names.
  return new Response(Readable.toWeb(object.body) as unknown as ReadableStream<Uint8Array>, { status: range ? 206 : 200, headers });
}

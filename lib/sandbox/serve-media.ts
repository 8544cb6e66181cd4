import "server-only";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors/app-error";
import { mediaKindOf } from "@/lib/whatsapp/media-limits";
import { openSandboxMedia, readSandboxMediaMeta } from "./media-store";

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → inclusive offsets; null when absent or not one satisfiable range. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null | "unsatisfiable" {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (!match[1] && !match[2])) return null;
  let start: number;
  let end: number;
  if (!match[1]) {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  }
  if (start > end || start >= size) return "unsatisfiable";
  return { start, end };
}

/**
 * A sandbox file for the simulator's bubbles (the customer's own attachments and what the
 * app sent by id). Only types WhatsApp accepts are ever stored, none of them active content;
 * still, anything but image/audio/video is a download and the browser must not sniff.
 */
export async function serveSandboxMedia(mediaId: string, rangeHeader: string | null): Promise<Response> {
  const meta = await readSandboxMediaMeta(mediaId);
  if (!meta) throw new AppError("not_found", "No such sandbox file (or it expired)");
  const range = parseRange(rangeHeader, meta.file_size);
  if (range === "unsatisfiable") return new Response(null, { status: 416, headers: { "content-range": `bytes */${meta.file_size}` } });
  const object = await openSandboxMedia(mediaId, range ?? undefined);
  if (!object) throw new AppError("not_found", "No such sandbox file (or it expired)");
  const kind = mediaKindOf(meta.mime_type);
  const inline = kind === "image" || kind === "audio" || kind === "video" || kind === "sticker";
  const filename = encodeURIComponent(meta.filename ?? `${mediaId}`);
  return new Response(Readable.toWeb(object.body) as unknown as ReadableStream<Uint8Array>, {
    status: range ? 206 : 200,
    headers: {
      "content-type": meta.mime_type,
      "content-length": String(object.size),
      "accept-ranges": "bytes",
      "x-content-type-options": "nosniff",
      "content-disposition": inline ? "inline" : `attachment; filename*=UTF-8''${filename}`,
      "cache-control": "private, max-age=3600",
      ...(range ? { "content-range": `bytes ${range.start}-${range.end}/${meta.file_size}` } : {}),
    },
  });
}

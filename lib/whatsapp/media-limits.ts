/**
 * Checking a file against WhatsApp's media limits (lib/media/limits.ts, the one list of types
 * and sizes) and saying why it is refused — for the browser (the simulator checks a file before
 * uploading it) and the server (which checks again). Browser-safe: no server imports.
 */
import { MEDIA_LIMITS } from "@/lib/media/limits";
import type { MediaKind } from "@/lib/media/types";

const MB = 1024 * 1024;
const KB = 1024;

/** Accepted MIME types per kind (parameters such as `; codecs=opus` are ignored when matching). */
export const MEDIA_TYPES = Object.fromEntries(Object.entries(MEDIA_LIMITS).map(([kind, limits]) => [kind, limits.types])) as Record<MediaKind, readonly string[]>;

/** Largest file per kind (stickers: the animated limit, since only the bytes tell which). */
export const MEDIA_MAX_BYTES = Object.fromEntries(Object.entries(MEDIA_LIMITS).map(([kind, limits]) => [kind, limits.maxBytes])) as Record<MediaKind, number>;

/** The largest file of any kind: the cap for reading an upload before its kind is known. */
export const MEDIA_MAX_ANY = Math.max(...Object.values(MEDIA_MAX_BYTES));

export const CAPTION_MAX = 1024;

/** `image/png; x=y` → `image/png`. */
export function baseMimeType(type: string): string {
  return type.split(";")[0]!.trim().toLowerCase();
}

export function mediaKindOf(mimeType: string): MediaKind | null {
  const base = baseMimeType(mimeType);
  for (const [kind, types] of Object.entries(MEDIA_TYPES) as [MediaKind, readonly string[]][]) {
    if (types.includes(base)) return kind;
  }
  return null;
}

/** Why WhatsApp would refuse a file, as data a UI localises (`refused_type` or `too_large`), or null when it is fine. */
export type MediaRefusal =
  | { code: "refused_type"; mimeType: string }
  | { code: "too_large"; kind: MediaKind; label: string; size: number; max: number };

/** A short name for a MIME type, as people say it: image/png → PNG, application/pdf → PDF. */
export function typeLabel(mimeType: string): string {
  const base = baseMimeType(mimeType);
  const known: Record<string, string> = {
    "image/jpeg": "JPEG",
    "audio/mpeg": "MP3",
    "audio/mp4": "M4A",
    "video/3gpp": "3GP",
    "text/plain": "TXT",
    "application/msword": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.ms-powerpoint": "PPT",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
  };
  return known[base] ?? (base.split("/")[1] ?? base).toUpperCase();
}

export function checkMediaFile(file: { type: string; size: number }): { ok: true; kind: MediaKind } | { ok: false; refusal: MediaRefusal } {
  const kind = mediaKindOf(file.type);
  if (!kind) return { ok: false, refusal: { code: "refused_type", mimeType: baseMimeType(file.type) || "application/octet-stream" } };
  const max = MEDIA_MAX_BYTES[kind];
  if (file.size > max) return { ok: false, refusal: { code: "too_large", kind, label: typeLabel(file.type), size: file.size, max } };
  return { ok: true, kind };
}

/** English reason for logs and API errors (the UI localises the refusal itself). */
export function refusalMessage(refusal: MediaRefusal): string {
  if (refusal.code === "refused_type") return `WhatsApp does not accept files of type ${refusal.mimeType}`;
  return `${refusal.label} over ${formatLimit(refusal.max)}: WhatsApp refuses ${refusal.kind === "sticker" ? "stickers" : `${refusal.kind}s`} over ${formatLimit(refusal.max)}`;
}

/** 5242880 → "5 MB", 512000 → "500 KB". */
export function formatLimit(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / KB)} KB`;
}

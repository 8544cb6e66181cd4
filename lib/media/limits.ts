/**
 * WhatsApp's media limits (../shared/whatsapp-cloud-api.md → Media): the types each kind may
 * carry and its largest size. Plain data, shared by the fetcher and (later) uploads.
 */
import type { MediaKind } from "./types";

const MB = 1024 * 1024;

export type KindLimits = { types: readonly string[]; maxBytes: number };

/** Word, Excel and PowerPoint, old (OLE compound files) and new (OOXML, zip-based). */
export const OFFICE_OLE_TYPES = ["application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"] as const;
export const OFFICE_OOXML_TYPES = [
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
] as const;

export const MEDIA_LIMITS: Record<MediaKind, KindLimits> = {
  image: { types: ["image/jpeg", "image/png"], maxBytes: 5 * MB },
  audio: { types: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], maxBytes: 16 * MB },
  video: { types: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB },
  document: { types: ["text/plain", "application/pdf", ...OFFICE_OLE_TYPES, ...OFFICE_OOXML_TYPES], maxBytes: 100 * MB },
  // 100 KB static, 500 KB animated: whether a WebP is animated is known only from its bytes,
  // so the download is capped at the larger limit.
  sticker: { types: ["image/webp"], maxBytes: 500 * 1024 },
};

/** `audio/ogg; codecs=opus` → `audio/ogg`. */
export function baseMimeType(value: string | null | undefined): string | null {
  const base = value?.split(";")[0]?.trim().toLowerCase();
  return base ? base : null;
}

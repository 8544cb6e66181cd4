import "server-only";
// The Node entry (reads files), as in lib/media/fetcher/sniff.ts.
import { fileTypeFromFile } from "file-type/node";
import { AppError } from "@/lib/errors/app-error";
import { FetchProblem } from "./fetcher/outcome";
import { checkType } from "./fetcher/sniff";
import { baseMimeType, MEDIA_LIMITS } from "./limits";
import { MEDIA_KINDS, type MediaKind } from "./types";

/*
 * The checks every file people upload gets before anything is stored (an agent's reply, a
 * marketer's library file): the size against WhatsApp's limit for the kind, and the type read
 * from the bytes against the declared one and the types WhatsApp takes. Refusals are AppErrors
 * with a readable message and a `reason` for clients.
 */

const MB = 1024 * 1024;
/** The largest request an upload route reads: the largest file WhatsApp takes plus the form's overhead. */
export const MAX_UPLOAD_REQUEST_BYTES = Math.max(...MEDIA_KINDS.map((k) => MEDIA_LIMITS[k].maxBytes)) + MB;

/** Names browsers and phones use for types WhatsApp lists under another. */
const ALIASES: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "audio/mp3": "audio/mpeg",
  "audio/opus": "audio/ogg",
  "audio/x-m4a": "audio/mp4",
  "audio/m4a": "audio/mp4",
  "audio/x-aac": "audio/aac",
};

/** Declared types that say nothing (browsers send them for unknown extensions). */
const UNDECLARED = new Set(["application/octet-stream", "binary/octet-stream"]);

export const KIND_PLURAL: Record<MediaKind, string> = { image: "images", audio: "audio files", video: "videos", document: "documents", sticker: "stickers" };

function kindOf(type: string): MediaKind | null {
  const name = ALIASES[type] ?? type;
  // Stickers are WebP, the only kind that takes it: a WebP goes as a sticker.
  return MEDIA_KINDS.find((k) => MEDIA_LIMITS[k].types.includes(name)) ?? null;
}

/** "image/png" → "PNG", "application/pdf" → "PDF"; long Office names stay as they are. */
function typeLabel(type: string): string {
  const sub = type.split("/")[1] ?? type;
  return /^[a-z0-9]{2,5}$/.test(sub) ? (sub === "mpeg" ? "MP3" : sub.toUpperCase()) : type;
}

function sizeText(bytes: number): string {
  return bytes >= MB ? `${bytes / MB} MB` : `${bytes / 1024} KB`;
}

/** The last segment of a name the browser sent, without control characters, at most 200 characters. */
export function cleanFilename(name: string | null): string | null {
  const last = Array.from(name?.split(/[\\/]/).pop() ?? "")
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join("")
    .trim();
  return last ? last.slice(0, 200) : null;
}

export type UploadInput = { size: number; declaredType: string | null };
export type CheckedUpload = { kind: MediaKind; declared: string | null; mime: string };

/** Size and type of an upload already written to `file`. Throws a 413/415/422 AppError with the reason. */
export async function checkUpload(input: UploadInput, file: string): Promise<CheckedUpload> {
  const raw = baseMimeType(input.declaredType);
  const declared = raw && !UNDECLARED.has(raw) ? raw : null;
  let kind: MediaKind | null;
  if (declared) {
    kind = kindOf(declared);
    if (!kind) throw new AppError("unsupported_media_type", `WhatsApp does not accept ${declared} files`, { details: { reason: "refused_type" } });
  } else {
    const sniffed = await fileTypeFromFile(file);
    kind = sniffed ? kindOf(baseMimeType(sniffed.mime) ?? sniffed.mime) : null;
    if (!kind) {
      throw new AppError("unsupported_media_type", `WhatsApp does not accept ${sniffed ? sniffed.mime : "this type of"} files`, { details: { reason: "refused_type" } });
    }
  }
  const limit = MEDIA_LIMITS[kind].maxBytes;
  if (input.size > limit) {
    const label = typeLabel(declared ?? kind);
    throw new AppError("payload_too_large", `${label} over ${sizeText(limit)}: WhatsApp refuses ${KIND_PLURAL[kind]} over ${sizeText(limit)}`, {
      details: { reason: "too_large", maxBytes: limit, kind, type: label },
    });
  }
  if (input.size === 0) throw new AppError("unprocessable", "The file is empty", { details: { reason: "empty" } });
  try {
    const mime = await checkType(kind, declared ? (ALIASES[declared] ?? declared) : null, file);
    return { kind, declared, mime };
  } catch (error) {
    if (error instanceof FetchProblem) {
      if (error.outcome === "type_mismatch") console.warn(`[atendo media] upload refused: ${error.message}`);
      throw new AppError("unsupported_media_type", error.message, { details: { reason: error.outcome } });
    }
    throw error;
  }
}

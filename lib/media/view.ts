import "server-only";
import type { media } from "@/lib/db/schema";
import { MEDIA_FAILURE_CODES, MEDIA_KINDS, type MediaFailureCode, type MediaKind, type MediaView } from "./types";

export type MediaRow = typeof media.$inferSelect;

const isKind = (value: string): value is MediaKind => (MEDIA_KINDS as readonly string[]).includes(value);
const isFailureCode = (value: string | null): value is MediaFailureCode => value !== null && (MEDIA_FAILURE_CODES as readonly string[]).includes(value);

/** A media row as the desk sees it (lib/media/types.ts). */
export function toMediaView(row: MediaRow): MediaView {
  const failed = row.status === "failed";
  return {
    id: row.id,
    kind: isKind(row.kind) ? row.kind : "document",
    status: row.status,
    mimeType: row.sniffedMime ?? row.declaredMime,
    size: row.size ?? null,
    filename: row.filename,
    caption: row.caption,
    voice: row.voice,
    failureReason: failed ? row.failureDetail : null,
    failureCode: failed ? (isFailureCode(row.failureCode) ? row.failureCode : "unavailable") : null,
  };
}

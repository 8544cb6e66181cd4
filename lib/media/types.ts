/**
 * The desk's view of a message's file (MEDIA-CONTRACT.md). Plain types, browser-safe: client
 * components import them. Owned by the media-core branch; this copy follows the contract so
 * the desk can be built in parallel and is replaced by media-core's on merge.
 */
export type MediaKind = "image" | "audio" | "video" | "document" | "sticker";

export type MediaFailureCode = "expired" | "too_large" | "type_mismatch" | "refused_type" | "checksum" | "unavailable";

export type MediaView = {
  id: string;
  kind: MediaKind;
  status: "pending" | "stored" | "failed";
  /** The sniffed type once stored, else the declared one. */
  mimeType: string | null;
  /** Bytes, once known. */
  size: number | null;
  /** Documents. */
  filename: string | null;
  caption: string | null;
  /** Audio recorded as a voice note. */
  voice: boolean;
  failureReason: string | null;
  failureCode: MediaFailureCode | null;
};

/**
 * What the desk (and any client) receives about a message's file: plain types, no server
 * code, so client components can import them. The contract between the backend and the desk
 * (see docs/media.md).
 */

export const MEDIA_KINDS = ["image", "audio", "video", "document", "sticker"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const MEDIA_STATUSES = ["pending", "stored", "failed"] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/**
 * Why a download failed, as a code the UI translates:
 * - `expired`: Meta no longer has the file (ids expire; unknown id, Graph error 100);
 * - `too_large`: over WhatsApp's limit for the kind;
 * - `type_mismatch`: the bytes are not of the type the message declared;
 * - `refused_type`: a type WhatsApp does not accept for the kind;
 * - `checksum`: the bytes do not match the sha256 Meta reported;
 * - `unavailable`: Meta or the storage kept failing; retrying later may work.
 */
export const MEDIA_FAILURE_CODES = ["expired", "too_large", "type_mismatch", "refused_type", "checksum", "unavailable"] as const;
export type MediaFailureCode = (typeof MEDIA_FAILURE_CODES)[number];

export type MediaView = {
  id: string;
  kind: MediaKind;
  status: MediaStatus;
  /** The sniffed type once stored, else the declared one. */
  mimeType: string | null;
  /** Bytes, once known. */
  size: number | null;
  /** Documents. */
  filename: string | null;
  caption: string | null;
  /** Audio recorded as a voice note. */
  voice: boolean;
  /** A readable reason (English; the UI shows its own text for `failureCode`). */
  failureReason: string | null;
  failureCode: MediaFailureCode | null;
};

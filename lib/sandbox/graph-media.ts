import "server-only";
import { createHmac } from "node:crypto";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { channelSecrets, type ChannelRow } from "@/lib/channels/credentials";
import { internalUrl } from "@/lib/config/env";
import { channels } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { baseMimeType, checkMediaFile, MEDIA_MAX_ANY, refusalMessage } from "@/lib/whatsapp/media-limits";
import { authenticateGraphRequest, type GraphAnswer, sameSecret } from "./graph-endpoint";
import { GraphError, invalidParameter, invalidToken, unknownObject } from "./graph-error";
import { readMultipart } from "./multipart";
import { openSandboxMedia, putSandboxMedia, readSandboxMediaMeta, UPLOAD_TTL_MS } from "./media-store";

/**
 * Meta's media endpoints for sandbox channels, so the app's fetcher downloads (and its outbox
 * uploads) sandbox files exactly as it does Meta's: `GET /{media-id}` → metadata with a
 * short-lived `url`; that url → the bytes (the same Bearer token); `POST /{phone-number-id}/media`.
 */

/** Meta's download urls live minutes. */
const URL_TTL_MS = 5 * 60 * 1000;
/** Multipart's boundaries and headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

function bearer(authorization: string | null): string {
  return /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "")?.[1]?.trim() ?? "";
}

/**
 * The sandbox channel whose access token the request bears. A media id does not name its
 * channel, so the token is compared with every sandbox channel's (there are a handful) —
 * before anything about the id is read.
 */
async function channelOfToken(db: DbOrTx, authorization: string | null): Promise<ChannelRow> {
  const token = bearer(authorization);
  if (!token) throw invalidToken();
  const rows = await db.select().from(channels).where(eq(channels.sandbox, true));
  // Every channel is compared (no early exit) so the timing says nothing about which matched.
  let found: ChannelRow | null = null;
  for (const row of rows) if (sameSecret(token, channelSecrets(row).accessToken) && !found) found = row;
  if (!found) throw invalidToken();
  return found;
}

function urlSignature(channel: ChannelRow, mediaId: string, expires: number): string {
  return createHmac("sha256", channelSecrets(channel).accessToken).update(`${mediaId}:${expires}`).digest("base64url");
}

/** `GET /{media-id}`: Meta's metadata shape; unknown, expired or another number's id → error 100. */
export async function getMediaMetadata(db: DbOrTx, params: { mediaId: string; authorization: string | null; now?: Date }): Promise<GraphAnswer> {
  const channel = await channelOfToken(db, params.authorization);
  const now = params.now ?? new Date();
  const meta = await readSandboxMediaMeta(params.mediaId, now);
  if (!meta || meta.phone_number_id !== channel.phoneNumberId) throw unknownObject(params.mediaId);
  const expires = now.getTime() + URL_TTL_MS;
  const url = `${internalUrl()}/api/sandbox/lookaside/${params.mediaId}?expires=${expires}&signature=${urlSignature(channel, params.mediaId, expires)}`;
  return {
    status: 200,
    body: { messaging_product: "whatsapp", url, mime_type: meta.mime_type, sha256: meta.sha256, file_size: meta.file_size, id: params.mediaId },
  };
}

const downloadQuerySchema = z.object({ expires: z.coerce.number().int().positive(), signature: z.string().min(1).max(100) });
export type DownloadQuery = z.infer<typeof downloadQuerySchema>;

/**
 * The short-lived url's bytes: the Bearer token first, then the url's signature and age, then
 * the file, streamed from storage (never buffered).
 */
export async function downloadMedia(db: DbOrTx, params: { mediaId: string; authorization: string | null; search: URLSearchParams; now?: Date }): Promise<Response> {
  const channel = await channelOfToken(db, params.authorization);
  const query = downloadQuerySchema.safeParse(Object.fromEntries(params.search));
  const now = params.now ?? new Date();
  if (!query.success || query.data.expires < now.getTime() || !sameSecret(query.data.signature, urlSignature(channel, params.mediaId, query.data.expires))) {
    throw new GraphError(404, 100, "(#100) The media URL is invalid or has expired. Request a new one with GET /{media-id}.");
  }
  const meta = await readSandboxMediaMeta(params.mediaId, now);
  if (!meta || meta.phone_number_id !== channel.phoneNumberId) throw unknownObject(params.mediaId);
  const object = await openSandboxMedia(params.mediaId);
  if (!object) throw unknownObject(params.mediaId);
  return new Response(Readable.toWeb(object.body) as unknown as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "content-type": meta.mime_type,
      "content-length": String(object.size),
      "x-content-type-options": "nosniff",
      "content-disposition": "attachment",
      "cache-control": "private, no-store",
    },
  });
}

export function uploadTooLarge(): GraphError {
  return new GraphError(413, 100, "(#100) Request body too large", `Files are limited to ${MEDIA_MAX_ANY} bytes.`);
}

/**
 * `POST /{phone-number-id}/media` (multipart: `file`, `type`, `messaging_product`): checks the
 * type and size against WhatsApp's limits and stores the file for 30 days. Authenticates before
 * reading the body, then reads it capped while it streams (like the messages endpoint).
 */
export async function uploadMedia(db: DbOrTx, params: { phoneNumberId: string; authorization: string | null; request: Request }): Promise<GraphAnswer> {
  const channel = await authenticateGraphRequest(db, params.phoneNumberId, params.authorization);
  const contentType = params.request.headers.get("content-type") ?? "";
  if (baseMimeType(contentType) !== "multipart/form-data") {
    await params.request.body?.cancel().catch(() => undefined);
    throw invalidParameter("Send the file as multipart/form-data with the fields file, type and messaging_product.");
  }
  const parsed = await readMultipart(params.request, MEDIA_MAX_ANY + MULTIPART_OVERHEAD);
  if (!parsed.ok) throw parsed.reason === "too_large" ? uploadTooLarge() : invalidParameter("The multipart body could not be parsed.");
  const form = parsed.form;
  if (form.get("messaging_product") !== "whatsapp") throw invalidParameter("The parameter messaging_product is required and must be whatsapp.");
  const file = form.get("file");
  if (!(file instanceof File)) throw invalidParameter("The parameter file is required.");
  const type = form.get("type");
  if (typeof type !== "string" || !type) throw invalidParameter("The parameter type is required.");
  const check = checkMediaFile({ type, size: file.size });
  if (!check.ok) throw invalidParameter(refusalMessage(check.refusal));
  const { id } = await putSandboxMedia(Buffer.from(await file.arrayBuffer()), {
    mimeType: baseMimeType(type),
    filename: file.name || null,
    phoneNumberId: channel.phoneNumberId,
    ttlMs: UPLOAD_TTL_MS,
  });
  return { status: 200, body: { id } };
}

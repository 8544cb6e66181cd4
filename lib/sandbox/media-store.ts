import "server-only";
import { createHash, randomInt } from "node:crypto";
import { z } from "zod";
import { getMediaStorage } from "@/lib/media/storage";
import type { StoredObject } from "@/lib/media/storage/types";

/**
 * The sandbox's media files, kept like Meta keeps them: bytes under `sandbox/{media-id}` and a
 * JSON sidecar `sandbox/{media-id}.json` with what `GET /{media-id}` reports (MEDIA-CONTRACT.md;
 * no table). Ids are Meta-like 16-digit numbers generated here, so a key never comes from input.
 */

/** Meta keeps media received in webhooks 7 days and uploaded media 30 days. */
export const INBOUND_TTL_MS = 7 * 24 * 3600 * 1000;
export const UPLOAD_TTL_MS = 30 * 24 * 3600 * 1000;

const MEDIA_ID = /^\d{16}$/;

export const sandboxMediaMetaSchema = z.object({
  mime_type: z.string(),
  /** Base64 of the SHA-256 digest, as Meta reports it. */
  sha256: z.string(),
  file_size: z.number().int().nonnegative(),
  filename: z.string().nullable(),
  /** The sandbox channel the file belongs to: only its token reads it. */
  phone_number_id: z.string(),
  /** ISO date-time after which the id is unknown, like an expired Meta media id. */
  expires_at: z.string(),
});
export type SandboxMediaMeta = z.infer<typeof sandboxMediaMetaSchema>;

export function isSandboxMediaId(id: string): boolean {
  return MEDIA_ID.test(id);
}

function newMediaId(): string {
  // 16 digits, never a leading zero: the shape of Meta's media ids.
  return `${randomInt(1, 10)}${Array.from({ length: 15 }, () => randomInt(0, 10)).join("")}`;
}

export function sha256Base64(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("base64");
}

export async function putSandboxMedia(
  bytes: Buffer,
  params: { mimeType: string; filename: string | null; phoneNumberId: string; ttlMs: number; now?: Date },
): Promise<{ id: string; meta: SandboxMediaMeta }> {
  const id = newMediaId();
  const meta: SandboxMediaMeta = {
    mime_type: params.mimeType,
    sha256: sha256Base64(bytes),
    file_size: bytes.length,
    filename: params.filename,
    phone_number_id: params.phoneNumberId,
    expires_at: new Date((params.now ?? new Date()).getTime() + params.ttlMs).toISOString(),
  };
  const storage = getMediaStorage();
  // Bytes first: a sidecar is the file's existence, so it is never written for missing bytes.
  await storage.put(`sandbox/${id}`, bytes, { contentType: params.mimeType });
  await storage.put(`sandbox/${id}.json`, Buffer.from(JSON.stringify(meta)), { contentType: "application/json" });
  return { id, meta };
}

/** The file's metadata, or null when the id is malformed, unknown or expired. */
export async function readSandboxMediaMeta(id: string, now = new Date()): Promise<SandboxMediaMeta | null> {
  if (!isSandboxMediaId(id)) return null;
  const object = await getMediaStorage().get(`sandbox/${id}.json`);
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null; // a torn sidecar (a crash mid-write) is an unknown id, not a 500
  }
  const parsed = sandboxMediaMetaSchema.safeParse(json);
  if (!parsed.success) return null;
  if (new Date(parsed.data.expires_at).getTime() <= now.getTime()) return null;
  return parsed.data;
}

export async function openSandboxMedia(id: string, range?: { start: number; end: number }): Promise<StoredObject | null> {
  if (!isSandboxMediaId(id)) return null;
  return getMediaStorage().get(`sandbox/${id}`, range);
}

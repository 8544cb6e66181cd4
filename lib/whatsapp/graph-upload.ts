import "server-only";
import { env } from "@/lib/config/env";
import { classifyGraphError, networkFailure, type GraphErrorBody, type GraphFailure } from "./graph-errors";

export type GraphUploadResult = { ok: true; id: string } | ({ ok: false } & GraphFailure);

/** Uploads take longer than sends: the timeout grows with the file (at least 1 MB/s). */
function uploadTimeoutMs(size: number): number {
  return env.WHATSAPP_GRAPH_TIMEOUT_MS + Math.ceil(size / (1024 * 1024)) * 1_000;
}

/**
 * `POST {base}/{phone-number-id}/media` (multipart: `file` with its type, `type`,
 * `messaging_product=whatsapp`), as Meta documents it. Never throws: Meta's media id, or a
 * failure classified like a send's (429/5xx and network errors retryable, other 4xx not).
 */
export async function uploadToGraph(
  baseUrl: string,
  phoneNumberId: string,
  accessToken: string,
  file: { bytes: Buffer; type: string; filename: string },
): Promise<GraphUploadResult> {
  const form = new FormData();
  form.append("messaging_product", "whatsapp");
  form.append("type", file.type);
  form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.filename);
  let response: Response;
  try {
    response = await fetch(`${baseUrl.replace(/\/+$/, "")}/${encodeURIComponent(phoneNumberId)}/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}` },
      body: form,
      signal: AbortSignal.timeout(uploadTimeoutMs(file.bytes.length)),
    });
  } catch (error) {
    const e = error as Error;
    return { ok: false, ...networkFailure(e.name === "TimeoutError" ? "No answer from the Graph API to the media upload in time" : e.message) };
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (response.ok) {
    const id = (json as { id?: unknown } | null)?.id;
    if (typeof id === "string" && id) return { ok: true, id };
    return { ok: false, ...classifyGraphError(502, { message: "The media upload answered without an id" }) };
  }
  return { ok: false, ...classifyGraphError(response.status, (json as { error?: GraphErrorBody } | null)?.error ?? null) };
}

/** Meta's payloads stay under about 3 MB; anything well beyond is refused before it fills memory. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; tooLarge: true };

/**
 * Reads a request body up to `limit` bytes. The declared Content-Length is checked first and
 * the streamed size too (chunked uploads declare nothing, and a client may lie).
 */
export async function readBodyWithLimit(request: Request, limit = MAX_WEBHOOK_BYTES): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, tooLarge: true };
  }
  if (!request.body) return { ok: true, body: Buffer.alloc(0) };
  // With a declared length the HTTP parser cannot deliver more than it: read in one go (cheaper).
  if (Number.isFinite(declared) && request.headers.get("content-length") !== null) {
    return { ok: true, body: Buffer.from(await request.arrayBuffer()) };
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks, size) };
}

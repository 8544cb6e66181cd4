import "server-only";

export type MultipartResult = { ok: true; form: FormData } | { ok: false; reason: "too_large" | "malformed" };

/**
 * Parses a multipart/form-data body with its size capped while it streams: a declared
 * Content-Length over the cap is refused before reading, and a chunked (or lying) body is cut
 * as soon as it passes the cap — the parser never holds more than `limit` bytes.
 */
export async function readMultipart(request: Request, limit: number): Promise<MultipartResult> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: "too_large" };
  }
  let size = 0;
  let over = false;
  const capped = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) {
          over = true;
          controller.error(new Error("body over the limit"));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  try {
    const form = await new Response(capped ?? null, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    return { ok: true, form };
  } catch {
    return { ok: false, reason: over ? "too_large" : "malformed" };
  }
}

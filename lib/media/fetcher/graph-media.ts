import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Agent, request } from "undici";
import { z } from "zod";
import { classifyGraphError, type GraphErrorBody } from "@/lib/whatsapp/graph-errors";
import { fail, FetchProblem, retry } from "./outcome";

// Downloads are few and long compared with sends: a small pool of their own, so a slow file
// never holds a connection the sender's pool needs.
const dispatcher = new Agent({ connections: 16, keepAliveTimeout: 10_000 });

/** Meta's answer to `GET /{media-id}`: where to download the file for the next few minutes, and what it is. */
const mediaInfoSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  id: z.string().optional(),
});
export type MediaInfo = z.output<typeof mediaInfoSchema>;

const ERROR_BODY_BYTES = 64 * 1024;

async function readSmall(body: AsyncIterable<Buffer> & { destroy: (error?: Error) => void }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** What a Graph error means for a media id: gone for good, worth another try, or neither. */
function graphProblem(status: number, error: GraphErrorBody | null, what: string): FetchProblem {
  const meta = error?.message ? `: ${error.message}` : "";
  // An expired or unknown media id: error 100 (HTTP 400), or a plain 404 / 410.
  if (error?.code === 100 || status === 404 || status === 410) {
    return fail("expired", `Meta no longer has this file (the media id expired or is unknown; HTTP ${status}${meta})`);
  }
  const failure = classifyGraphError(status, error);
  // 401/403 (a token being replaced) are retried too: an admin may fix the channel meanwhile.
  if (failure.retryable || status === 401 || status === 403) return retry(`${what}: HTTP ${status}${meta}`);
  return fail("unavailable", `${what} was refused (HTTP ${status}${meta})`);
}

function networkProblem(error: unknown, what: string): FetchProblem {
  if (error instanceof FetchProblem) return error;
  const e = error as Error & { code?: string };
  return retry(`${what}: ${e.code === "UND_ERR_HEADERS_TIMEOUT" || e.code === "UND_ERR_BODY_TIMEOUT" ? "no answer in time" : e.message}`);
}

/** A GET with the channel's Bearer token (Meta wants it on the metadata call and the download alike). */
async function authorizedGet(url: string, accessToken: string, options: { timeoutMs: number; signal: AbortSignal }, failure: string) {
  try {
    return await request(url, {
      dispatcher,
      method: "GET",
      headers: { authorization: `Bearer ${accessToken}` },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: options.signal,
    });
  } catch (error) {
    throw networkProblem(error, failure);
  }
}

/** `GET {graph}/{media-id}` with the channel's token. */
export async function getMediaInfo(baseUrl: string, waMediaId: string, accessToken: string, options: { timeoutMs: number; signal: AbortSignal }): Promise<MediaInfo> {
  const response = await authorizedGet(`${baseUrl}/${encodeURIComponent(waMediaId)}`, accessToken, options, "Meta's media API did not answer");
  let text: string;
  try {
    text = await readSmall(response.body, ERROR_BODY_BYTES);
  } catch (error) {
    throw networkProblem(error, "Meta's media API did not answer");
  }
  const json = parseJson(text);
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw graphProblem(response.statusCode, (json as { error?: GraphErrorBody } | null)?.error ?? null, "Meta's media API");
  }
  const parsed = mediaInfoSchema.safeParse(json);
  if (!parsed.success) throw retry("Meta's media API answered without a download URL");
  return parsed.data;
}

export type Downloaded = { size: number; sha256: Buffer; bytes?: Buffer };

/**
 * Downloads `url` with the same Bearer token, hashing as it goes and stopping as soon as it
 * passes `maxBytes`: into the file `destination`, streamed (memory stays flat whatever the
 * size), or — `destination` null, for small kinds — into memory, returned as `bytes`.
 */
export async function downloadTo(
  url: string,
  accessToken: string,
  destination: string | null,
  options: { maxBytes: number; timeoutMs: number; signal: AbortSignal; limitText: string },
): Promise<Downloaded> {
  const response = await authorizedGet(url, accessToken, options, "The download did not start");
  if (response.statusCode < 200 || response.statusCode >= 300) {
    const text = await readSmall(response.body, ERROR_BODY_BYTES).catch(() => "");
    throw graphProblem(response.statusCode, (parseJson(text) as { error?: GraphErrorBody } | null)?.error ?? null, "The download");
  }
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.body.destroy();
    throw fail("too_large", `The file has ${declared} bytes: ${options.limitText}`);
  }
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > options.maxBytes) return callback(fail("too_large", `The file has more than ${options.maxBytes} bytes: ${options.limitText}`));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const chunks: Buffer[] = [];
  const sink =
    destination === null
      ? new Writable({
          write(chunk: Buffer, _encoding, callback) {
            chunks.push(chunk);
            callback();
          },
        })
      : createWriteStream(destination);
  try {
    await pipeline(response.body, meter, sink, { signal: options.signal });
  } catch (error) {
    throw networkProblem(error, "The download was cut off");
  }
  return { size, sha256: hash.digest(), ...(destination === null ? { bytes: Buffer.concat(chunks, size) } : {}) };
}

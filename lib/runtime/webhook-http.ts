import "server-only";
import http from "node:http";
import { getDb } from "@/lib/db";
import { MAX_WEBHOOK_BYTES } from "@/lib/whatsapp/read-body";
import { ingestWebhook } from "./ingest";

export const WEBHOOK_PATH = "/api/webhooks/whatsapp";

/** The request server.ts serves itself: a webhook delivery (POST). */
export function isWebhookPost(req: http.IncomingMessage): boolean {
  return req.method === "POST" && (req.url === WEBHOOK_PATH || req.url?.startsWith(`${WEBHOOK_PATH}?`) === true);
}

/**
 * Serves `POST /api/webhooks/whatsapp` on Node's request and response, with the very same
 * `ingestWebhook` as the route handler (app/api/webhooks/whatsapp/route.ts); the custom
 * server (server.ts) routes webhook POSTs here and everything else to Next.js.
 *
 * Why: a Next.js route handler costs about 1 ms of CPU per request on this hardware even
 * for `select 1` (router, AsyncLocalStorage, web Request/Response adapters), five times the
 * webhook's own work. Meta's webhooks are the app's hottest path and its latency is what
 * Meta measures, so they skip it. Everything else — including the GET handshake — goes
 * through Next.js, and `WEBHOOK_FAST_PATH=0` sends POSTs there too (identically).
 */
export async function serveWebhook(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const body = await readBody(req);
    if (body === null) return reply(res, 413, "Payload too large");
    let db: Awaited<ReturnType<typeof getDb>>;
    try {
      db = await getDb();
    } catch (error) {
      console.error("[atendo webhook] database unavailable:", (error as Error).message);
      return reply(res, 503, "Temporarily unavailable");
    }
    const header = req.headers["x-hub-signature-256"];
    const outcome = await ingestWebhook(db, body, Array.isArray(header) ? header[0]! : (header ?? null));
    reply(res, outcome.status, outcome.status === 200 ? "" : outcome.message);
  } catch (error) {
    console.error("[atendo webhook] unexpected failure:", error);
    reply(res, 500, "Internal Server Error");
  }
}

function reply(res: http.ServerResponse, status: number, body = ""): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The body, or null when it is over the limit. An oversized body is still read to its end
 * (and thrown away) so the client gets to read the 413 instead of a reset connection — up to
 * a point: past four times the limit the connection is cut.
 */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    let tooLarge = Number.isFinite(declared) && declared > MAX_WEBHOOK_BYTES;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BYTES) tooLarge = true;
      if (tooLarge) {
        chunks.length = 0;
        if (size > 4 * MAX_WEBHOOK_BYTES) {
          req.socket.destroy();
          resolve(null);
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks, size)));
    req.on("error", reject);
  });
}

import "server-only";
import http from "node:http";
import https from "node:https";
import { classifyGraphError, networkFailure, type GraphErrorBody, type GraphFailure } from "./graph-errors";

export type GraphSendResult =
  | { ok: true; waMessageId: string | null; response: unknown }
  | ({ ok: false } & GraphFailure);

// Keep-alive pools: at hundreds of sends per second a new TCP/TLS handshake per call would
// cost more than the call itself.
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 128, maxFreeSockets: 128, scheduling: "lifo" }),
  https: new https.Agent({ keepAlive: true, maxSockets: 128, maxFreeSockets: 128, scheduling: "lifo" }),
};

export const GRAPH_TIMEOUT_MS = Number(process.env.WHATSAPP_GRAPH_TIMEOUT_MS ?? 15_000);
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * POSTs one request body to `{base}/{phoneNumberId}/messages`. Never throws: every outcome
 * is a success with the wamid, or a classified failure.
 */
export async function postToGraph(
  baseUrl: string,
  phoneNumberId: string,
  accessToken: string,
  body: unknown,
  timeoutMs = GRAPH_TIMEOUT_MS,
): Promise<GraphSendResult> {
  const first = await attempt(baseUrl, phoneNumberId, accessToken, body, timeoutMs);
  // A kept-alive socket the server had just closed fails before the request reached it:
  // sending again at once is safe and spares a backoff.
  if (!first.ok && first.staleSocket) return attempt(baseUrl, phoneNumberId, accessToken, body, timeoutMs);
  return first;
}

function attempt(
  baseUrl: string,
  phoneNumberId: string,
  accessToken: string,
  body: unknown,
  timeoutMs: number,
): Promise<GraphSendResult & { staleSocket?: boolean }> {
  return new Promise((resolve) => {
    let settled = false;
    let responded = false;
    const finish = (result: GraphSendResult & { staleSocket?: boolean }) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let url: URL;
    try {
      url = new URL(`${baseUrl}/${encodeURIComponent(phoneNumberId)}/messages`);
    } catch {
      finish({ ok: false, ...networkFailure(`Invalid Graph API URL: ${baseUrl}`), retryable: false });
      return;
    }
    // A string body lets Node write headers and body in one syscall.
    const payload = JSON.stringify(body);
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "POST",
        agent: url.protocol === "https:" ? agents.https : agents.http,
        headers: {
          authorization: `Bearer ${accessToken}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
        timeout: timeoutMs,
      },
      (response) => {
        responded = true;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        response.on("error", (e) => finish({ ok: false, ...networkFailure(e.message) }));
        response.on("aborted", () => finish({ ok: false, ...networkFailure("The Graph API closed the connection mid-response") }));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          let json: unknown = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {
            json = null;
          }
          if (status >= 200 && status < 300) {
            const id = (json as { messages?: { id?: unknown }[] } | null)?.messages?.[0]?.id;
            finish({ ok: true, waMessageId: typeof id === "string" ? id : null, response: json });
            return;
          }
          const error = (json as { error?: GraphErrorBody } | null)?.error ?? null;
          finish({ ok: false, ...classifyGraphError(status, error) });
        });
      },
    );
    request.on("timeout", () => {
      request.destroy();
      finish({ ok: false, ...networkFailure(`No answer from the Graph API within ${timeoutMs} ms`) });
    });
    request.on("error", (e: Error & { code?: string }) => {
      const stale = request.reusedSocket && e.code === "ECONNRESET" && !responded;
      finish({ ok: false, ...networkFailure(e.message), ...(stale ? { staleSocket: true } : {}) });
    });
    request.end(payload);
  });
}

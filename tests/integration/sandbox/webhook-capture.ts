import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";

export type CapturedWebhook = { headers: Record<string, string | string[] | undefined>; raw: string; json: any };

/**
 * A stand-in for the app's webhook route that records what the sandbox delivers to it
 * (pointed at with SANDBOX_WEBHOOK_URL). `answer` sets the HTTP status it replies with.
 */
export async function startWebhookCapture() {
  const received: CapturedWebhook[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(raw);
      } catch {
        // recorded as is
      }
      received.push({ headers: req.headers, raw, json });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(status === 200 ? "{}" : JSON.stringify({ error: { code: "unauthorized", message: "Invalid signature" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    answer(code: number) {
      status = code;
    },
    /** Waits until a captured webhook matches. */
    async waitFor(match: (w: CapturedWebhook) => boolean, timeoutMs = 8_000): Promise<CapturedWebhook> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching webhook among ${received.length}: ${received.map((r) => r.raw).join("\n")}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Checks X-Hub-Signature-256 the way Meta's receivers must: HMAC-SHA256 of the raw bytes. */
export function validSignature(webhook: CapturedWebhook, appSecret: string): boolean {
  const header = String(webhook.headers["x-hub-signature-256"] ?? "");
  if (!header.startsWith("sha256=")) return false;
  const expected = createHmac("sha256", appSecret).update(webhook.raw).digest();
  const given = Buffer.from(header.slice(7), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function statusesOf(webhook: CapturedWebhook): { id: string; status: string; timestamp: string; recipient_id: string }[] {
  return webhook.json?.entry?.flatMap((e: any) => e.changes.flatMap((c: any) => c.value.statuses ?? [])) ?? [];
}

export function messagesOf(webhook: CapturedWebhook): any[] {
  return webhook.json?.entry?.flatMap((e: any) => e.changes.flatMap((c: any) => c.value.messages ?? [])) ?? [];
}

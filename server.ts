/**
 * The process entry (Next.js' documented custom server): one Node HTTP server that serves
 * Meta's webhook deliveries (`POST /api/webhooks/whatsapp`) itself and hands every other
 * request to Next.js, and that owns start-up (migrations, seed, the runtime and the desk's
 * background parts) and the graceful stop on SIGTERM/SIGINT.
 *
 * It runs as the bundle scripts/build-server.mjs writes (dist/server.js: plain JavaScript, no
 * TypeScript step at start): `npm start` after `npm run build` (production), or `npm run dev`
 * (bundles it, then runs Next.js in development mode: NODE_ENV unset).
 */
import http from "node:http";
import next from "next";
import { checkEnv, ConfigError, env } from "@/lib/config/env";
import { dropOutputWhenClosed } from "@/lib/server/closed-output";
import { appendPeerAddress } from "@/lib/server/peer-address";

// Set by `npm start` (and read by Next.js and React themselves), so not one of Atendo's settings.
const dev = process.env.NODE_ENV !== "production";

async function main(): Promise<void> {
  dropOutputWhenClosed();
  // A bad environment variable stops the start here, naming the variable and what it expects.
  try {
    checkEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[atendo] ${error.message}`);
    process.exit(1);
  }
  // Imported once the configuration is known good: some modules read it as they load.
  const { isWebhookPost, serveWebhook } = await import("@/lib/runtime/webhook-http");
  await import("@/lib/server/background");
  const { installGracefulShutdown } = await import("@/lib/server/shutdown");
  const { startServer } = await import("@/lib/server/startup");
  const port = env.PORT;
  // Unset: every interface, as `next start` listens.
  const host = env.HOST;
  // A Next.js route handler costs ~1 ms of CPU per request before any work of ours
  // (lib/runtime/webhook-http.ts); WEBHOOK_FAST_PATH=0 sends webhook POSTs through it anyway.
  const webhookDirect = env.WEBHOOK_FAST_PATH;
  const app = next({ dev, hostname: host ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Migrated and running before the first request: a webhook is only acked once stored.
  await startServer();
  const server = http.createServer((req, res) => {
    // The socket's peer joins X-Forwarded-For before Next.js reads it (lib/auth/client-ip.ts).
    appendPeerAddress(req);
    if (webhookDirect && isWebhookPost(req)) void serveWebhook(req, res);
    else void handle(req, res);
  });
  installGracefulShutdown(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  console.log(`[atendo] listening on ${host ?? "*"}:${port} (${dev ? "development" : "production"})`);
}

main().catch((error) => {
  console.error("[atendo] could not start:", error);
  process.exit(1);
});

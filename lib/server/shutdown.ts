import "server-only";
import type { Server } from "node:http";
import { env } from "@/lib/config/env";
import { getConnection } from "@/lib/db";
import { stopAssigner } from "@/lib/desk/assigner";
import { stopRuntime } from "@/lib/runtime/start";

/** How long a stopping instance may take to finish its work before it exits anyway. */
const GRACE_MS = env.SHUTDOWN_GRACE_MS;

const EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;

const state = globalThis as unknown as { __atendoShutdownInstalled?: boolean };

/**
 * A deploy or a scale-down stops instances with SIGTERM. The custom server (server.ts) owns
 * the signals: it stops accepting connections, the runtime drains (the batch being processed
 * commits, the replies handed to the sender go out and their outcomes are recorded — else a
 * reply accepted by Meta would never be recorded here and its row would stay leased for a
 * minute), the desk's assigner stops, the database connection closes cleanly (PGlite flushes
 * its files), then the process exits — after GRACE_MS at the latest.
 */
export function installGracefulShutdown(server: Server): void {
  if (state.__atendoShutdownInstalled) return;
  state.__atendoShutdownInstalled = true;
  let stopping = false;
  const stop = (signal: keyof typeof EXIT_CODES) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    console.log(`[atendo] ${signal}: finishing the work in hand before exiting…`);
    const deadline = setTimeout(() => {
      console.error(`[atendo] still busy after ${GRACE_MS} ms; exiting anyway`);
      process.exit(EXIT_CODES[signal]);
    }, GRACE_MS);
    // No new connections; requests under way are answered (a webhook is acked once stored).
    server.close();
    server.closeIdleConnections();
    void (async () => {
      try {
        // The runtime first: its last batch may queue a customer for the assigner.
        await stopRuntime();
        await stopAssigner();
        await (await getConnection()).close();
      } catch (error) {
        console.error("[atendo] shutdown:", (error as Error).message);
      }
      clearTimeout(deadline);
      console.log(`[atendo] stopped cleanly in ${Date.now() - started} ms`);
      process.exit(EXIT_CODES[signal]);
    })();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

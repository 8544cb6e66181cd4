import "server-only";
import { Worker } from "node:worker_threads";
import { getConnection } from "@/lib/db";
import { onServerReady } from "@/lib/server/startup";
import { runBackgroundLoops } from "./loops";
import { signalBuffer } from "./signals";
import { installWebhookFastPath } from "./webhook-fast-path";

const state = globalThis as unknown as { __atendoRuntimeStarted?: boolean };

/**
 * Starts the WhatsApp runtime's background parts: the inbox workers, the HTTP-job runner,
 * the outbox sender and the idle-conversation sweeper.
 *
 * On PostgreSQL they run in a worker thread of their own, so processing and sending use the
 * second core instead of competing with Next.js for the one that answers Meta's webhooks
 * (ack latency). The thread has its own connection pool; wake-ups cross over a
 * shared buffer (signals.ts). Embedded PGlite is a single in-process database, so there
 * the loops share the main thread. `RUNTIME_THREAD=0` keeps them in the main thread;
 * `RUNTIME_DISABLED=1` leaves them off (an instance that only serves the UI and webhooks).
 */
export async function startRuntime(): Promise<void> {
  installWebhookFastPath();
  if (state.__atendoRuntimeStarted || process.env.RUNTIME_DISABLED === "1") return;
  state.__atendoRuntimeStarted = true;
  const connection = await getConnection();
  if (connection.driver !== "postgres" || process.env.RUNTIME_THREAD === "0") {
    await runBackgroundLoops();
    return;
  }
  startThread();
}

function startThread(): void {
  const worker = new Worker(new URL("./thread-entry.ts", import.meta.url), { name: "atendo-runtime", workerData: { signals: signalBuffer() } });
  worker.on("error", (error) => console.error("[atendo runtime] worker thread error:", error));
  worker.on("exit", (code) => {
    // The loops must never stay down: whatever killed the thread, start a new one.
    console.error(`[atendo runtime] worker thread exited (${code}); restarting in 1 s`);
    setTimeout(startThread, 1_000).unref();
  });
}

onServerReady(startRuntime);

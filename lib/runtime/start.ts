import "server-only";
import { Worker } from "node:worker_threads";
import { env } from "@/lib/config/env";
import { getConnection } from "@/lib/db";
import { type MediaProcess, startMediaProcess } from "@/lib/media/process/host";
import { onServerReady } from "@/lib/server/startup";
import { runBackgroundLoops, type BackgroundLoops } from "./loops";
import { signalBuffer } from "./signals";

const state = globalThis as unknown as {
  __atendoRuntimeStarted?: boolean;
  __atendoRuntime?: RuntimeState;
};
type RuntimeState = { thread: Worker | null; loops: BackgroundLoops | null; media: MediaProcess | null; stopping: Promise<void> | null };

/**
 * Starts the WhatsApp runtime's background parts: the inbox workers, the HTTP-job runner,
 * the outbox sender and the idle-conversation sweeper.
 *
 * On PostgreSQL they run in a worker thread of their own, so processing and sending use the
 * second core instead of competing with the main thread for the one that answers Meta's webhooks
 * (ack latency). The thread has its own connection pool; wake-ups cross over a
 * shared buffer (signals.ts). Embedded PGlite is a single in-process database, so there
 * the loops share the main thread. The media fetcher runs in a process of its own beside the
 * thread, at a lower CPU priority (lib/media/process/host.ts); with PGlite or without the
 * thread it is one more loop. `RUNTIME_THREAD=0` keeps the loops in the main thread;
 * `RUNTIME_DISABLED=1` leaves them off (an instance that only serves the UI and webhooks).
 */
export async function startRuntime(): Promise<void> {
  if (state.__atendoRuntimeStarted || env.RUNTIME_DISABLED) return;
  state.__atendoRuntimeStarted = true;
  const connection = await getConnection();
  const runtime: RuntimeState = (state.__atendoRuntime = { thread: null, loops: null, media: null, stopping: null });
  if (connection.driver !== "postgres" || !env.RUNTIME_THREAD) {
    runtime.loops = await runBackgroundLoops({ media: true });
    return;
  }
  startThread();
  runtime.media = startMediaProcess();
}

/**
 * The worker thread's entry: the bundle scripts/build-server.mjs writes beside the server's
 * (dist/runtime-thread.js), or thread-entry.ts beside this file when run from source under a
 * TypeScript loader (the thread inherits it).
 */
const THREAD_ENTRY = import.meta.url.endsWith(".ts") ? new URL("./thread-entry.ts", import.meta.url) : new URL("./runtime-thread.js", import.meta.url);

function startThread(): void {
  const runtime = state.__atendoRuntime!;
  const worker = new Worker(THREAD_ENTRY, { name: "atendo-runtime", workerData: { signals: signalBuffer(), media: false } });
  runtime.thread = worker;
  worker.on("error", (error) => console.error("[atendo runtime] worker thread error:", error));
  worker.on("exit", (code) => {
    if (runtime.stopping) return;
    // The loops must never stay down: whatever killed the thread, start a new one.
    console.error(`[atendo runtime] worker thread exited (${code}); restarting in 1 s`);
    setTimeout(startThread, 1_000).unref();
  });
}

/**
 * Graceful stop (SIGTERM, see lib/server/shutdown.ts): the loops finish what they hold — the
 * batch being processed, the sends in flight and their records — and take nothing new.
 * Webhooks go on being stored meanwhile; their rows wait for the next instance.
 */
export function stopRuntime(): Promise<void> {
  const runtime = state.__atendoRuntime;
  if (!runtime) return Promise.resolve();
  runtime.stopping ??= (async () => {
    if (runtime.loops) return runtime.loops.stop();
    const media = runtime.media?.stop();
    const thread = runtime.thread;
    if (thread) {
      await new Promise<void>((resolve) => {
        thread.once("exit", () => resolve());
        thread.on("message", (message: { type?: string }) => message?.type === "drained" && resolve());
        thread.postMessage({ type: "drain" });
      });
      await thread.terminate();
    }
    await media;
  })();
  return runtime.stopping;
}

onServerReady(startRuntime);

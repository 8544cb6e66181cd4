// Entry of the runtime's worker thread (see start.ts).
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { env } from "@/lib/config/env";
import { runBackgroundLoops } from "./loops";
import { adoptSignalBuffer } from "./signals";

/**
 * On Linux a thread has a nice value of its own: a higher one here lets the server's main
 * thread, and with it the webhook's ack, go first when both want a core. The default is 0
 * (same as the main thread): this thread runs the batch loop every message waits for, and on
 * 2 cores shared with PostgreSQL a nice of 5 starved it — with 0 (and V8's single-threaded
 * GC, see package.json) the benchmark's closed loop gained about 6 %, paced acks unharmed.
 */
function yieldToWebhooks(): void {
  const nice = env.RUNTIME_THREAD_NICE;
  if (!nice) return;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (tid > 0) setPriority(tid, nice);
  } catch {
    // Not Linux, or not allowed: the default priority is fine.
  }
}

yieldToWebhooks();
adoptSignalBuffer((workerData as { signals: SharedArrayBuffer }).signals);
const loops = runBackgroundLoops();
loops.catch((error) => {
  console.error("[atendo runtime] the background loops could not start:", error);
  process.exit(1);
});
parentPort?.on("message", (message: { type?: string }) => {
  if (message?.type !== "drain") return;
  void loops
    .then((l) => l.stop())
    .catch((error) => console.error("[atendo runtime] drain failed:", (error as Error).message))
    .finally(() => parentPort?.postMessage({ type: "drained" }));
});

// Entry of the runtime's worker thread (see start.ts).
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { runBackgroundLoops } from "./loops";
import { adoptSignalBuffer } from "./signals";

/**
 * This thread's work (processing, sending) can wait a few milliseconds; the webhook's answer,
 * which Meta times, should not. On Linux a thread has a nice value of its own: a higher one
 * here lets the server's main thread, and with it the ack, go first when both want a core.
 */
function yieldToWebhooks(): void {
  const nice = Number(process.env.RUNTIME_THREAD_NICE ?? 5);
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

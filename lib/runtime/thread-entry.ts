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
if (process.env.RUNTIME_STATS === "1") {
  const { monitorEventLoopDelay, performance: perf } = await import("node:perf_hooks");
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  let elu = perf.eventLoopUtilization();
  setInterval(() => {
    const now = perf.eventLoopUtilization(elu);
    elu = perf.eventLoopUtilization();
    console.log(`[atendo eld] util ${(now.utilization * 100).toFixed(0)}% mean ${(h.mean / 1e6).toFixed(2)} p50 ${(h.percentile(50) / 1e6).toFixed(2)} p99 ${(h.percentile(99) / 1e6).toFixed(2)} ms`);
    h.reset();
  }, 5000).unref();
}

// Entry of the runtime's worker thread (see start.ts).
import { parentPort, workerData } from "node:worker_threads";
import { env } from "@/lib/config/env";
import { runBackgroundLoops } from "./loops";
import { niceThisThread } from "./priority";
import { adoptSignalBuffer } from "./signals";

/**
 * A higher nice value here would let the server's main thread, and with it the webhook's ack,
 * go first when both want a core. The default is 0 (same as the main thread): this thread
 * runs the batch loop every message waits for, and on 2 cores shared with PostgreSQL a nice
 * of 5 starved it — with 0 (and V8's single-threaded GC, see package.json) the benchmark's
 * closed loop gained about 6 %, paced acks unharmed.
 */
niceThisThread(env.RUNTIME_THREAD_NICE);
adoptSignalBuffer((workerData as { signals: SharedArrayBuffer }).signals);
const loops = runBackgroundLoops({ media: (workerData as { media: boolean }).media });
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

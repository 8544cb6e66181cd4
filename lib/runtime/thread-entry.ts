// Entry of the runtime's worker thread (see start.ts).
import { parentPort, workerData } from "node:worker_threads";
import { runBackgroundLoops } from "./loops";
import { adoptSignalBuffer } from "./signals";

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

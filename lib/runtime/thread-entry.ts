// Entry of the runtime's worker thread (see start.ts).
import { workerData } from "node:worker_threads";
import { runBackgroundLoops } from "./loops";
import { adoptSignalBuffer } from "./signals";

adoptSignalBuffer((workerData as { signals: SharedArrayBuffer }).signals);
runBackgroundLoops().catch((error) => {
  console.error("[atendo runtime] the background loops could not start:", error);
  process.exit(1);
});

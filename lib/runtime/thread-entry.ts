// Entry of the runtime's worker thread (see start.ts).
import { runBackgroundLoops } from "./loops";

runBackgroundLoops().catch((error) => {
  console.error("[atendo runtime] the background loops could not start:", error);
  process.exit(1);
});

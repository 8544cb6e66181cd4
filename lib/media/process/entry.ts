// Entry of the media process (see host.ts): the media fetcher and the retention round.
import { env } from "@/lib/config/env";
import { invalidateChannels } from "@/lib/runtime/channel-cache";
import { getRuntimeDb } from "@/lib/runtime/db";
import { idleThisProcess, niceThisProcess } from "@/lib/runtime/priority";
import { wakeMedia } from "@/lib/runtime/signals";
import { type MediaLoops, runMediaLoops } from "../fetcher/loops";
import { warmThumbnails } from "../fetcher/thumbnail";
import type { FromMediaProcess, ToMediaProcess } from "./messages";

// First, before libuv's pool and libvips start threads: they inherit the policy and the value.
// The nice value also orders the process among other idle work, and stands where SCHED_IDLE cannot be set.
niceThisProcess(env.MEDIA_FETCH_NICE);
if (env.MEDIA_FETCH_IDLE) idleThisProcess();

let loops: MediaLoops | null = null;
let stopping: Promise<void> | null = null;

/** Cut the downloads under way, give their rows back, exit. */
function stop(): Promise<void> {
  stopping ??= (async () => {
    try {
      await loops?.stop();
    } catch (error) {
      console.error("[atendo media] stopping failed:", (error as Error).message);
    }
    const drained: FromMediaProcess = { type: "drained" };
    if (process.connected) process.send?.(drained);
    process.exit(0);
  })();
  return stopping;
}

process.on("message", (message: ToMediaProcess) => {
  if (message?.type === "wake") wakeMedia();
  else if (message?.type === "channels") invalidateChannels();
  else if (message?.type === "drain") void stop();
});
// The server is gone (killed, crashed): so are we, at once. Rows we hold stay leased to this
// boot and the next run takes them back (lib/media/fetcher/queue.ts).
process.on("disconnect", () => process.exit(0));
// A terminal's Ctrl-C or a service manager's SIGTERM reaches the whole group: stop cleanly.
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

getRuntimeDb("media")
  .then(async (db) => {
    await warmThumbnails();
    if (!stopping) loops = runMediaLoops(db);
  })
  .catch((error) => {
    console.error("[atendo media] could not start:", error);
    process.exit(1);
  });

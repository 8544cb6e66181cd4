import "server-only";
import { env } from "@/lib/config/env";
import type { Db } from "@/lib/db/types";
import { runLoop } from "@/lib/runtime/loop";
import { removeExpiredFiles } from "../retention";
import { MediaFetcher } from "./fetcher";

/** Media rows wait for a wake-up (a batch recorded media, a retry was asked for); the poll finds rows due for another attempt. */
const MEDIA_POLL_MS = 1_000;

export type MediaLoops = {
  /** No new claims; downloads under way are cut and their rows given back for the next run. */
  stop: () => Promise<void>;
};

/**
 * The media fetcher's loop and the retention round: where they run is the runtime's choice
 * (start.ts: a process of their own at a lower CPU priority, or beside the other loops).
 */
export function runMediaLoops(db: Db): MediaLoops {
  const fetcher = new MediaFetcher(db);
  const fetching = runLoop("media fetcher", "media", () => fetcher.tick(), MEDIA_POLL_MS);
  const retention = startRetention(db);
  return {
    stop: async () => {
      // Downloads under way are cut at once and their rows given back (another run resumes them).
      const fetcherStopped = fetcher.stop();
      clearInterval(retention);
      await fetching.stop();
      await fetcherStopped;
    },
  };
}

/** MEDIA_RETENTION_DAYS: an hourly round removing files past their time (nothing when unset). */
function startRetention(db: Db): NodeJS.Timeout | undefined {
  if (!env.MEDIA_RETENTION_DAYS) return undefined;
  const round = () =>
    void removeExpiredFiles(db).then(
      (removed) => removed > 0 && console.log(`[atendo media] removed ${removed} file(s) older than ${env.MEDIA_RETENTION_DAYS} days`),
      (error) => console.error("[atendo media] retention round failed:", (error as Error).message),
    );
  round();
  const timer = setInterval(round, 3_600_000);
  timer.unref();
  return timer;
}

import "server-only";
import { env } from "@/lib/config/env";
import type { Db } from "@/lib/db/types";
import { publishCommitted } from "@/lib/realtime/publisher";
import { getChannels } from "@/lib/runtime/channel-cache";
import { leaseHolder } from "@/lib/runtime/instance";
import { wakeMedia } from "@/lib/runtime/signals";
import { graphBaseUrl } from "@/lib/whatsapp/graph-url";
import { fetchOne } from "./fetch-one";
import { FetchProblem } from "./outcome";
import { type ClaimedMedia, claimMedia, recordFailed, recordRetry, recordStored, releaseMedia } from "./queue";

/**
 * Exponential backoff with jitter (50–100 % of the step): 2 s, 4 s, 8 s… up to
 * MEDIA_FETCH_MAX_BACKOFF_MS, so a Meta outage is not answered with a burst of retries.
 */
export function mediaBackoffMs(attempts: number, maxMs = env.MEDIA_FETCH_MAX_BACKOFF_MS): number {
  const step = Math.min(maxMs, 2_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(step * (0.5 + Math.random() * 0.5));
}

/**
 * Downloads inbound media files in the runtime's thread, beside the inbox workers and the
 * sender but on its own loop and pool connections: a slow or large file never delays the
 * processing of later messages or the replies. Up to MEDIA_FETCH_CONCURRENCY downloads at
 * once; `tick` claims as many rows as there are free slots and returns at once — each
 * download records its own outcome and wakes the loop when its slot frees up.
 */
export class MediaFetcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly concurrency = env.MEDIA_FETCH_CONCURRENCY;
  private readonly timeoutMs = env.MEDIA_FETCH_TIMEOUT_MS;
  private readonly maxAttempts = env.MEDIA_FETCH_MAX_ATTEMPTS;

  constructor(private readonly db: Db) {}

  /** How long a claimed row is ours: both requests' timeouts and time to store it. */
  private get leaseMs(): number {
    return 2 * this.timeoutMs + 30_000;
  }

  /** Claims and starts what fits. True when it claimed something (the loop asks again at once). */
  async tick(): Promise<boolean> {
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0 || this.stopping.signal.aborted) return false;
    const jobs = await claimMedia(this.db, free, this.leaseMs, leaseHolder());
    for (const job of jobs) {
      const running = this.run(job).finally(() => {
        this.inFlight.delete(job.id);
        wakeMedia();
      });
      this.inFlight.set(job.id, running);
    }
    return jobs.length > 0 && jobs.length === free;
  }

  private async run(job: ClaimedMedia): Promise<void> {
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.leaseMs - 10_000)]);
    try {
      const channel = (await getChannels(this.db)).byId.get(job.channelId);
      if (!channel) {
        publishCommitted(this.db, await recordFailed(this.db, job, "unavailable", "The channel of this message no longer exists"));
        return;
      }
      const stored = await fetchOne(job, { graphUrl: graphBaseUrl(channel), accessToken: channel.accessToken }, { timeoutMs: this.timeoutMs, signal });
      publishCommitted(this.db, await recordStored(this.db, job, stored));
    } catch (error) {
      await this.recordProblem(job, error).catch((recordError) => {
        // The lease runs out and the row is taken again: nothing is lost.
        console.error(`[atendo media] could not record the outcome of media ${job.id}:`, (recordError as Error).message);
      });
    }
  }

  private async recordProblem(job: ClaimedMedia, error: unknown): Promise<void> {
    if (this.stopping.signal.aborted) {
      await releaseMedia(this.db, job);
      return;
    }
    const problem = error instanceof FetchProblem ? error : new FetchProblem("retry", (error as Error).message);
    if (problem.outcome !== "retry") {
      console.warn(`[atendo media] media ${job.id} (${job.kind}, Meta id ${job.waMediaId}) failed: ${problem.outcome}: ${problem.message}`);
      publishCommitted(this.db, await recordFailed(this.db, job, problem.outcome, problem.message));
      return;
    }
    if (job.attempts >= this.maxAttempts) {
      console.warn(`[atendo media] media ${job.id} gave up after ${job.attempts} attempts: ${problem.message}`);
      publishCommitted(this.db, await recordFailed(this.db, job, "unavailable", `Gave up after ${job.attempts} attempts: ${problem.message}`));
      return;
    }
    await recordRetry(this.db, job, problem.message, mediaBackoffMs(job.attempts));
  }

  /** Graceful stop: no new claims; downloads under way are cut and their rows given back for the next instance. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }
}

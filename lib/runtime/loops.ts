import "server-only";
import { getRuntimeDb } from "./db";
import { registerDirectSender } from "./direct-handoff";
import { leaseHolder } from "./instance";
import { OutboxSender } from "./sender";
import { startSenderRegistry } from "./sender-registry";
import { closeIdleConversations, reconcileStatuses, SWEEP_INTERVAL_MS } from "./sweeper";
import { tableUpkeep } from "./upkeep";
import { env } from "@/lib/config/env";
import { type MediaLoops, runMediaLoops } from "@/lib/media/fetcher/loops";
import { startCampaignLoop } from "@/lib/contacts/campaigns/loop";
import { databaseNow, takeBackOwnLeases, webhooksFlowingSince } from "./takeover";
import { runLoop } from "./loop";
import { POLL_MS, startProcessingLoops } from "./worker";

export type BackgroundLoops = {
  /**
   * Graceful stop: no new claims; the batch being processed commits, replies already handed
   * to the sender go out and their outcomes are recorded. Leaves nothing leased behind, so
   * another instance can carry on at once instead of waiting for leases to expire.
   */
  stop: () => Promise<void>;
};

/**
 * The inbox workers, the HTTP-job runner, the outbox sender and the idle sweeper, in this
 * thread; with `media`, the media fetcher too (start.ts gives it a process of its own when it can).
 */
export async function runBackgroundLoops(options: { media: boolean }): Promise<BackgroundLoops> {
  const db = await getRuntimeDb();
  // In the background: the loops start at once (the takeover waits for webhooks to flow).
  const stopping = new AbortController();
  const takeover = takeBackLeases(db, stopping.signal);
  const processing = await startProcessingLoops();
  const sender = new OutboxSender(db, await getRuntimeDb("records"));
  registerDirectSender(sender);
  const stopRegistry = startSenderRegistry((instances) => sender.limiter.setShare(1 / instances));
  const sending = runLoop("outbox sender", "outbox", () => sender.tick(), POLL_MS);
  const sweep = async () => {
    try {
      const closed = await closeIdleConversations(db);
      if (closed > 0) console.log(`[atendo runtime] closed ${closed} idle conversation(s)`);
      await reconcileStatuses(db);
    } catch (error) {
      console.error("[atendo runtime] idle sweep failed:", (error as Error).message);
    }
  };
  const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS);
  sweeper.unref();
  const upkeep = startUpkeep(db);
  // Campaigns: fed into the outbox at their channel's rate, progress collected (docs/campaigns.md).
  const campaigns = startCampaignLoop(db);
  // Inbound media files: a loop of its own, so downloads never hold up processing or sending.
  const media: MediaLoops | null = options.media ? runMediaLoops(db) : null;
  return {
    stop: async () => {
      stopping.abort();
      // Downloads under way are cut at once and their rows given back (another instance resumes them).
      const mediaStopped = media?.stop();
      await takeover;
      clearInterval(sweeper);
      await upkeep.stop();
      // No new campaign sends are queued; those in the outbox go out below or wait for the next instance.
      await campaigns.stop();
      // Processing first: a batch finishing now still hands its replies to the sender.
      await Promise.all(processing.map((loop) => loop.stop()));
      await sending.stop();
      await sender.drain();
      await mediaStopped;
      await stopRegistry();
    },
  };
}

/**
 * Table upkeep (upkeep.ts) every RUNTIME_UPKEEP_MS (0: never), one round at a time: a round
 * that takes long (a large vacuum) delays the next instead of overlapping it.
 */
function startUpkeep(db: Awaited<ReturnType<typeof getRuntimeDb>>): { stop: () => Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  let stopped = env.RUNTIME_UPKEEP_MS === 0;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = tableUpkeep(db).then(
        () => {},
        (error) => console.error("[atendo runtime] table upkeep failed:", (error as Error).message),
      );
      void round.then(schedule);
    }, env.RUNTIME_UPKEEP_MS);
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}

/**
 * Takes back what this instance's previous run left leased (takeover.ts), once the app
 * receives webhooks again. Best effort: if the database is not reachable, the leases simply
 * expire as before.
 */
async function takeBackLeases(db: Awaited<ReturnType<typeof getRuntimeDb>>, stopping: AbortSignal): Promise<void> {
  const holder = leaseHolder();
  try {
    await webhooksFlowingSince(db, await databaseNow(db), stopping);
    if (stopping.aborted) return;
    const taken = await takeBackOwnLeases(db, holder);
    if (taken.outbox + taken.httpJobs > 0) {
      console.log(`[atendo runtime] instance ${holder.instanceId}: took back ${taken.outbox} send(s) and ${taken.httpJobs} HTTP job(s) leased by its previous run`);
    }
  } catch (error) {
    console.error("[atendo runtime] could not take back the previous run's leases (they will expire):", (error as Error).message);
  }
}

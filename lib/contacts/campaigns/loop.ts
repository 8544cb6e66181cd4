import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { publishCommitted } from "@/lib/realtime/publisher";
import { rowsOf } from "@/lib/runtime/db";
import type { Loop } from "@/lib/runtime/loop";
import { wakeOutbox } from "@/lib/runtime/signals";
import { feedCampaign, type RunningCampaign, runningCampaigns, startDueCampaigns } from "./feed";
import { stopCampaign } from "./state";
import { completeIfDone, type SyncCursor, syncCampaign } from "./sync";

/** How often the loop feeds running campaigns and syncs their progress. */
export const CAMPAIGN_TICK_MS = 250;
/** Statuses and replies are collected every this many ticks (sends' outcomes every tick). */
const STATUS_EVERY = 4;
/** Campaigns that are not running (paused, stopped, finished in the last week) still collect statuses and replies, less often. */
const QUIET_EVERY = 20;
const QUIET_DAYS = 7;

/**
 * The campaign loop of one instance (started with the runtime's loops): starts scheduled
 * campaigns when due, feeds running ones into the outbox at their channel's rate, and brings
 * recipients' progress (sent, delivered, read, failed, replied) up to date. Every step is a
 * statement safe to run on several instances at once (SKIP LOCKED claims, monotonic updates).
 */
export function startCampaignLoop(db: Db): Loop {
  const cursors = new Map<string, SyncCursor>();
  let round = 0;
  const tick = async (): Promise<void> => {
    round++;
    await startDueCampaigns(db);
    let fed = 0;
    const running: RunningCampaign[] = [];
    for (const campaign of await runningCampaigns(db)) {
      // Meta paused or disabled the template (its status webhook, or a sync): stop with the reason.
      if (campaign.templateStatus === "PAUSED" || campaign.templateStatus === "DISABLED") {
        await stopCampaign(db, campaign.id, `The template was ${campaign.templateStatus === "PAUSED" ? "paused" : "disabled"} by Meta`);
        continue;
      }
      running.push(campaign);
    }
    for (const campaign of running) {
      const { queued, skipped } = await feedCampaign(db, campaign);
      fed += queued;
      if (queued + skipped > 0) publishCommitted(db, [{ type: "campaign.progress", campaignId: campaign.id }]);
    }
    if (fed > 0) wakeOutbox();
    const quiet =
      round % QUIET_EVERY === 0
        ? rowsOf<{ id: string; channel_id: string }>(
            await db.execute(sql`select id, channel_id from campaigns
              where status in ('paused', 'stopped') or (status in ('completed', 'cancelled') and finished_at > now() - ${QUIET_DAYS} * interval '1 day')`),
          ).map((r) => ({ id: r.id, channelId: r.channel_id }))
        : [];
    for (const campaign of [...running, ...quiet]) {
      const result = await syncCampaign(db, campaign, cursors.get(campaign.id) ?? { statuses: 0, replies: 0 }, round % STATUS_EVERY === 0);
      cursors.set(campaign.id, result.cursor);
      let changed = result.changed > 0;
      if (result.stop) changed = (await stopCampaign(db, campaign.id, result.stop)) || changed;
      else if (running.includes(campaign as never)) changed = (await completeIfDone(db, campaign.id)) || changed;
      if (changed) publishCommitted(db, [{ type: "campaign.progress", campaignId: campaign.id }]);
    }
  };
  // Its own timer, not a wake-up channel: the outbox's wake-ups are the sender's to consume.
  let running = true;
  let wake: (() => void) | null = null;
  const done = (async () => {
    let failures = 0;
    while (running) {
      try {
        await tick();
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 20 === 0) console.error(`[atendo campaigns] loop failed (${failures}×):`, (error as Error).message);
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, failures > 0 ? Math.min(5_000, 200 * failures) : CAMPAIGN_TICK_MS);
      });
      wake = null;
    }
  })();
  return {
    stop: async () => {
      running = false;
      (wake as (() => void) | null)?.();
      await done;
    },
  };
}

import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import { publishCommitted } from "@/lib/realtime/publisher";
import { rowsOf } from "@/lib/runtime/db";
import type { CampaignStatus } from "./types";

/**
 * Takes back the campaign's sends still waiting in the outbox, never tried and not leased by a
 * sender: their recipients go back to pending, so a resume sends them and a stopped campaign
 * shows them as not sent. A send a sender holds, or one waiting for a retry, goes on as usual.
 */
export async function withdrawQueued(tx: DbOrTx, campaignId: string): Promise<number> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`with gone as (
        delete from outbox o using campaign_recipients r
        where r.campaign_id = ${campaignId} and r.status = 'queued' and o.id = r.outbox_id
          -- Never tried: a send that was tried and is waiting for a retry (a timeout among them)
          -- may have reached Meta, and its status webhook must still find its row.
          and o.status::text = 'pending' and o.locked_until is null and o.attempts = 0
        returning o.id
      )
      update campaign_recipients set status = 'pending', outbox_id = null, queued_at = null
      where campaign_id = ${campaignId} and outbox_id in (select id from gone)
      returning id`),
  );
  return rows.length;
}

/** Which transitions an admin may make, from which states. */
const ALLOWED: Record<"pause" | "resume" | "cancel", CampaignStatus[]> = {
  pause: ["running", "scheduled"],
  resume: ["paused", "stopped"],
  cancel: ["scheduled", "running", "paused", "stopped"],
};

const TARGET: Record<"pause" | "resume" | "cancel", CampaignStatus> = { pause: "paused", resume: "running", cancel: "cancelled" };

/**
 * Pause, resume or cancel, in one transaction with the outbox: pausing or cancelling withdraws
 * what is waiting to be sent. A resumed campaign that had not started yet stays scheduled for its time.
 */
export async function changeCampaignStatus(db: DbOrTx, campaignId: string, action: "pause" | "resume" | "cancel"): Promise<CampaignStatus> {
  const status = await db.transaction(async (tx) => {
    const [current] = rowsOf<{ status: CampaignStatus; started_at: string | null; scheduled_at: string | null }>(
      await tx.execute(sql`select status, started_at, scheduled_at from campaigns where id = ${campaignId} for update`),
    );
    if (!current) throw new AppError("not_found", "No such campaign");
    if (!ALLOWED[action].includes(current.status)) {
      throw new AppError("conflict", `A ${current.status} campaign cannot be ${action === "pause" ? "paused" : action === "resume" ? "resumed" : "cancelled"}`, {
        details: { status: current.status },
      });
    }
    const next: CampaignStatus = action === "resume" && !current.started_at && current.scheduled_at ? "scheduled" : TARGET[action];
    if (action !== "resume") await withdrawQueued(tx, campaignId);
    await tx.execute(sql`update campaigns set status = ${next}, updated_at = now(),
        status_reason = null,
        finished_at = case when ${next} = 'cancelled' then now() else finished_at end,
        started_at = case when ${next} = 'running' then coalesce(started_at, now()) else started_at end
      where id = ${campaignId}`);
    return next;
  });
  publishCommitted(db, [{ type: "campaign.progress", campaignId }]);
  return status;
}

/** The template can no longer be sent (paused or disabled by Meta): the loop stops the campaign with the reason. */
export async function stopCampaign(db: DbOrTx, campaignId: string, reason: string): Promise<boolean> {
  const stopped = await db.transaction(async (tx) => {
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`update campaigns set status = 'stopped', status_reason = ${reason}, updated_at = now()
        where id = ${campaignId} and status in ('running', 'paused') returning id`),
    );
    if (rows.length === 0) return false;
    await withdrawQueued(tx, campaignId);
    return true;
  });
  if (stopped) publishCommitted(db, [{ type: "campaign.progress", campaignId }]);
  return stopped;
}

/** What the pause, resume and cancel routes do: the transition, its audit entry. */
export async function campaignAction(db: DbOrTx, campaignId: string, action: "pause" | "resume" | "cancel", actorId: string | null): Promise<CampaignStatus> {
  const status = await changeCampaignStatus(db, campaignId, action);
  await recordAudit(db, { actorId, action: `campaign.${action}`, entityType: "campaign", entityId: campaignId, details: { status } });
  return status;
}

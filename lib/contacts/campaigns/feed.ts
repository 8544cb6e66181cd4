import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { rowsOf } from "@/lib/runtime/db";
import { campaignMessageBody } from "./message";
import type { CampaignTemplate } from "./types";

/** Seconds of sending at the channel's rate kept waiting in the outbox per campaign: enough to keep the sender busy between ticks, little enough that a pause takes effect at once. */
export const BACKLOG_SECONDS = 1;
/** Most recipients written to the outbox by one feed transaction. */
const MAX_FEED = 1_000;

export type RunningCampaign = { id: string; channelId: string; template: CampaignTemplate; rate: number; templateStatus: string | null };

/** Campaigns whose scheduled time has come start running (the first instance to see them wins; the others find nothing). */
export async function startDueCampaigns(db: Db): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`update campaigns set status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
      where status = 'scheduled' and scheduled_at <= now() returning id`),
  );
  return rows.map((r) => r.id);
}

export async function runningCampaigns(db: Db): Promise<RunningCampaign[]> {
  const rows = rowsOf<{ id: string; channel_id: string; template: CampaignTemplate | string; rate: number; template_status: string | null }>(
    await db.execute(sql`select c.id, c.channel_id, c.template, ch.send_rate_per_second as rate, t.status as template_status
      from campaigns c join channels ch on ch.id = c.channel_id left join message_templates t on t.id = c.template_id
      where c.status = 'running' order by c.started_at, c.id`),
  );
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    template: typeof r.template === "string" ? JSON.parse(r.template) : r.template,
    rate: Number(r.rate) || 80,
    templateStatus: r.template_status,
  }));
}

/**
 * Writes the next recipients of a running campaign into the outbox, in one transaction with
 * their `queued` mark: the recipients are claimed `FOR UPDATE SKIP LOCKED`, so instances
 * feeding the same campaign at once take disjoint recipients, and a recipient gets exactly
 * one outbox row whatever crashes. The outbox sender then sends them at the channel's rate
 * (its token bucket) with its crash-safe record before and after each send.
 *
 * Only about `BACKLOG_SECONDS` of sending is kept waiting: the campaign is fed at the rate the
 * channel sends, so customers' replies are never queued behind thousands of campaign messages,
 * and pausing leaves little in flight.
 *
 * Opted-out contacts (contacts.opted_out_at) are skipped for MARKETING templates, with the
 * reason. UTILITY and AUTHENTICATION templates are transactional (an order update, a code)
 * and are sent: the opt-out is from marketing, as Meta's own 131050 refusal is.
 */
export async function feedCampaign(db: Db, campaign: RunningCampaign): Promise<{ queued: number; skipped: number }> {
  const target = Math.max(20, Math.ceil(campaign.rate * BACKLOG_SECONDS));
  return db.transaction(async (tx) => {
    // Still running (a pause committed since the list was read stops the feed here).
    const [state] = rowsOf<{ status: string }>(await tx.execute(sql`select status from campaigns where id = ${campaign.id} for share`));
    if (state?.status !== "running") return { queued: 0, skipped: 0 };
    const [waiting] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from campaign_recipients where campaign_id = ${campaign.id} and status = 'queued'`),
    );
    const room = Math.min(MAX_FEED, target - Number(waiting?.n ?? 0));
    if (room <= 0) return { queued: 0, skipped: 0 };
    const marketing = campaign.template.category === "MARKETING";
    const picked = rowsOf<{ id: string | number; wa_id: string; variables: Record<string, string>; opted_out: boolean }>(
      await tx.execute(sql`select r.id, r.wa_id, r.variables,
          (${marketing} and exists (select 1 from contacts c where c.channel_id = ${campaign.channelId} and c.wa_id = r.wa_id and c.opted_out_at is not null)) as opted_out
        from campaign_recipients r
        where r.campaign_id = ${campaign.id} and r.status = 'pending'
        order by r.id limit ${room}
        for update of r skip locked`),
    );
    if (picked.length === 0) return { queued: 0, skipped: 0 };
    const skipped = picked.filter((r) => r.opted_out).map((r) => Number(r.id));
    const sends = picked
      .filter((r) => !r.opted_out)
      .map((r) => ({ id: Number(r.id), wa_id: r.wa_id, body: campaignMessageBody(r.wa_id, campaign.template, typeof r.variables === "string" ? JSON.parse(r.variables) : r.variables) }));
    if (skipped.length > 0) {
      await tx.execute(sql`update campaign_recipients set status = 'skipped', reason = 'opted out'
        where id = any(${`{${skipped.join(",")}}`}::bigint[])`);
    }
    if (sends.length > 0) {
      await tx.execute(sql`with s as (
          select * from jsonb_to_recordset(${JSON.stringify(sends)}::jsonb) as s(id bigint, wa_id text, body jsonb)
        ),
        o as (
          insert into outbox (channel_id, contact_wa_id, kind, body)
          select ${campaign.channelId}::uuid, s.wa_id, 'message', s.body from s order by s.id
          returning id, contact_wa_id
        )
        update campaign_recipients r set status = 'queued', outbox_id = o.id, queued_at = now()
        from o where r.campaign_id = ${campaign.id} and r.wa_id = o.contact_wa_id and r.id = any(${`{${sends.map((s) => s.id).join(",")}}`}::bigint[])`);
    }
    return { queued: sends.length, skipped: skipped.length };
  });
}

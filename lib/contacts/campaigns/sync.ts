import "server-only";
import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/types";
import { rowsOf } from "@/lib/runtime/db";
import { failureReason, stopsCampaign } from "./reasons";
import type { RecipientStatus } from "./types";

/** Recipients looked at per statement: a pass over a large campaign takes a few ticks, each cheap. */
const SCAN = 2_000;

type Change = {
  id: number;
  status: RecipientStatus;
  reason?: string | null;
  error_code?: number | null;
  wa_message_id?: string | null;
  sent_at?: string | null;
  delivered_at?: string | null;
  read_at?: string | null;
  failed_at?: string | null;
  replied_at?: string | null;
};

type GraphError = { code?: number | null; error?: { message?: string; error_data?: { details?: string } } } | null;
type StatusError = { code?: number; title?: string; message?: string; error_data?: { details?: string } };

/**
 * Writes recipients' progress, monotonically: a status only moves forward (sent → delivered →
 * read), failed and skipped are final, and a time once set stays. Instances syncing the same
 * recipients at once write the same thing.
 */
async function writeChanges(db: DbOrTx, changes: Change[]): Promise<number> {
  if (changes.length === 0) return 0;
  const rank = (column: string) => sql.raw(`(case ${column} when 'pending' then 0 when 'queued' then 1 when 'sent' then 2 when 'failed' then 3 when 'delivered' then 4 when 'read' then 5 else 0 end)`);
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`update campaign_recipients r set
        status = case when r.status not in ('failed', 'skipped') and ${rank("x.status")} > ${rank("r.status")} then x.status else r.status end,
        reason = coalesce(r.reason, x.reason),
        error_code = coalesce(r.error_code, x.error_code),
        wa_message_id = coalesce(r.wa_message_id, x.wa_message_id),
        sent_at = coalesce(r.sent_at, x.sent_at),
        delivered_at = coalesce(r.delivered_at, x.delivered_at),
        read_at = coalesce(r.read_at, x.read_at),
        failed_at = coalesce(r.failed_at, x.failed_at),
        replied_at = coalesce(r.replied_at, x.replied_at)
      from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as x(id bigint, status text, reason text, error_code int, wa_message_id text,
        sent_at timestamptz, delivered_at timestamptz, read_at timestamptz, failed_at timestamptz, replied_at timestamptz)
      where r.id = x.id
        and (r.status is distinct from (case when r.status not in ('failed', 'skipped') and ${rank("x.status")} > ${rank("r.status")} then x.status else r.status end)
          or (r.replied_at is null and x.replied_at is not null)
          or (r.read_at is null and x.read_at is not null) or (r.delivered_at is null and x.delivered_at is not null))
      returning r.id`),
  );
  return rows.length;
}

/**
 * Queued recipients whose send has an outcome: sent (with its wamid) or failed with Meta's
 * error as a readable reason. Returns the reason to stop the campaign when the template can no
 * longer be sent (paused or disabled by Meta).
 */
async function syncOutcomes(db: Db, campaignId: string): Promise<{ changed: number; stop: string | null }> {
  const rows = rowsOf<{ id: string | number; outbox_status: string; wa_message_id: string | null; sent_at: string | null; last_error: GraphError }>(
    await db.execute(sql`select r.id, o.status::text as outbox_status, o.wa_message_id, o.sent_at, o.last_error
      from campaign_recipients r join outbox o on o.id = r.outbox_id
      where r.campaign_id = ${campaignId} and r.status = 'queued' and o.status::text <> 'pending'
      order by r.id limit ${SCAN}`),
  );
  let stop: string | null = null;
  const changes = rows.map((r): Change => {
    if (r.outbox_status === "sent") return { id: Number(r.id), status: "sent", wa_message_id: r.wa_message_id, sent_at: r.sent_at };
    const error = typeof r.last_error === "string" ? (JSON.parse(r.last_error) as GraphError) : r.last_error;
    const code = typeof error?.code === "number" ? error.code : null;
    const message = error?.error?.error_data?.details ?? error?.error?.message ?? null;
    if (stopsCampaign(code, message)) stop ??= failureReason(code, message);
    return { id: Number(r.id), status: "failed", reason: failureReason(code, message), error_code: code, failed_at: new Date().toISOString() };
  });
  return { changed: await writeChanges(db, changes), stop };
}

/** Meta's status webhooks (status_events) on sent recipients: delivered, read, or failed with the reason. */
async function syncStatuses(db: Db, campaignId: string, channelId: string, after: number): Promise<{ changed: number; next: number; stop: string | null }> {
  const rows = rowsOf<{ id: string | number; status: string | null; at: string | null; errors: StatusError[] | string | null; last: string | number }>(
    await db.execute(sql`with batch as (
        select id, wa_message_id from campaign_recipients
        where campaign_id = ${campaignId} and status in ('sent', 'delivered') and id > ${after}
        order by id limit ${SCAN}
      )
      select b.id, s.status, to_timestamp(s.wa_timestamp) as at, s.errors, (select max(id) from batch) as last
      from batch b left join status_events s on s.channel_id = ${channelId}::uuid and s.wa_message_id = b.wa_message_id`),
  );
  let stop: string | null = null;
  const changes: Change[] = [];
  for (const r of rows) {
    if (!r.status) continue;
    const id = Number(r.id);
    if (r.status === "delivered") changes.push({ id, status: "delivered", delivered_at: r.at });
    else if (r.status === "read") changes.push({ id, status: "read", read_at: r.at });
    else if (r.status === "failed") {
      const errors = typeof r.errors === "string" ? (JSON.parse(r.errors) as StatusError[]) : r.errors;
      const code = errors?.[0]?.code ?? null;
      const message = errors?.[0]?.error_data?.details ?? errors?.[0]?.title ?? errors?.[0]?.message ?? null;
      if (stopsCampaign(code, message)) stop ??= failureReason(code, message);
      changes.push({ id, status: "failed", reason: failureReason(code, message), error_code: code, failed_at: r.at });
    }
  }
  const last = rows.length > 0 ? Number(rows[0]!.last) : 0;
  const distinct = new Set(rows.map((r) => r.id)).size;
  return { changed: await writeChanges(db, changes), next: distinct >= SCAN ? last : 0, stop };
}

/**
 * Replies: the contact's first message after the send (contacts.last_inbound_at, which the
 * runtime moves forward with each customer message — to the minute: a reply within a minute of
 * a message the customer sent just before the campaign is not seen as one).
 */
async function syncReplies(db: Db, campaignId: string, channelId: string, after: number): Promise<{ changed: number; next: number }> {
  const rows = rowsOf<{ id: string | number; status: RecipientStatus; replied_at: string | null; last: string | number }>(
    await db.execute(sql`with batch as (
        select id, wa_id, sent_at, status from campaign_recipients
        where campaign_id = ${campaignId} and status in ('sent', 'delivered', 'read') and replied_at is null and id > ${after}
        order by id limit ${SCAN}
      )
      select b.id, b.status, c.last_inbound_at as replied_at, (select max(id) from batch) as last
      from batch b left join contacts c on c.channel_id = ${channelId}::uuid and c.wa_id = b.wa_id and c.last_inbound_at > b.sent_at`),
  );
  // A reply also proves the message was delivered and read.
  const changes = rows.filter((r) => r.replied_at).map((r): Change => ({ id: Number(r.id), status: "read", replied_at: r.replied_at, read_at: r.replied_at, delivered_at: r.replied_at }));
  const last = rows.length > 0 ? Number(rows[0]!.last) : 0;
  return { changed: await writeChanges(db, changes), next: rows.length >= SCAN ? last : 0 };
}

export type SyncCursor = { statuses: number; replies: number };

/** One round of progress for a campaign. `stop`: the template can no longer be sent. */
export async function syncCampaign(
  db: Db,
  campaign: { id: string; channelId: string },
  cursor: SyncCursor,
  withStatuses = true,
): Promise<{ changed: number; stop: string | null; cursor: SyncCursor }> {
  const outcomes = await syncOutcomes(db, campaign.id);
  if (!withStatuses) return { changed: outcomes.changed, stop: outcomes.stop, cursor };
  const statuses = await syncStatuses(db, campaign.id, campaign.channelId, cursor.statuses);
  const replies = await syncReplies(db, campaign.id, campaign.channelId, cursor.replies);
  return {
    changed: outcomes.changed + statuses.changed + replies.changed,
    stop: outcomes.stop ?? statuses.stop,
    cursor: { statuses: statuses.next, replies: replies.next },
  };
}

/** A running campaign with nobody left to send is completed. */
export async function completeIfDone(db: Db, campaignId: string): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`update campaigns set status = 'completed', finished_at = now(), updated_at = now()
      where id = ${campaignId} and status = 'running'
        and not exists (select 1 from campaign_recipients where campaign_id = ${campaignId} and status in ('pending', 'queued'))
      returning id`),
  );
  return rows.length > 0;
}

import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { rowsOf } from "./db";

/**
 * How long after a campaign message the customer's next conversation still counts as its
 * reply (docs/campaigns.md, "Replies"): long enough for "answer when you can" promotions,
 * short enough that a customer writing about something else weeks later reaches the number's
 * usual flow.
 */
export const CAMPAIGN_REPLY_DAYS = 7;

/** A customer opening a conversation who is answering a campaign message. */
export type CampaignReply = {
  recipientId: number;
  campaignId: string;
  campaignName: string;
  /** The reply starts this flow's published version… */
  flowVersionId: string | null;
  /** …or waits in this queue; neither: the number's flow, as for any message. */
  queue: { id: string; name: string } | null;
};

export type Opening = {
  /** Each channel's flow version a new conversation starts (null: none published). */
  versionByChannel: Map<string, string | null>;
  /** By `channelId/waId`: the campaign the new conversation answers, if any. */
  replies: Map<string, CampaignReply>;
};

type Row = {
  channel_id: string;
  version_id: string | null;
  replies: { recipientId: number | string; campaignId: string; campaignName: string; waId: string; flowVersionId: string | null; queueId: string | null; queueName: string | null }[] | string;
};

/**
 * What the batch needs to open its new conversations, in the one statement that already read
 * the channels' flows: each channel's published version, and which of the contacts opening a
 * conversation are answering a campaign — the latest campaign message sent to them in the last
 * `CAMPAIGN_REPLY_DAYS`, not yet answered (no reply stamped, no message from them since it was
 * sent). Only campaigns that finished less than `CAMPAIGN_REPLY_DAYS` ago are looked at, each
 * through its (campaign, phone) index: with no recent campaign the lookup reads nothing.
 */
export async function loadOpening(tx: DbOrTx, opening: { channelId: string; waId: string }[]): Promise<Opening> {
  const channelIds = [...new Set(opening.map((o) => o.channelId))];
  const waIds = [...new Set(opening.map((o) => o.waId))];
  const rows = rowsOf<Row>(
    await tx.execute(sql`select ch.id as channel_id, f.active_version_id as version_id,
        (select coalesce(jsonb_agg(x), '[]'::jsonb) from (
          select l."recipientId", l."campaignId", l."campaignName", l."waId", l."flowVersionId", l."queueId", l."queueName"
          from (
            select distinct on (r.wa_id) r.id as "recipientId", c.id as "campaignId", c.name as "campaignName", r.wa_id as "waId",
              rf.active_version_id as "flowVersionId", q.id as "queueId", q.name as "queueName",
              r.replied_at, coalesce(r.sent_at, r.queued_at) as sent
            from campaigns c
            join campaign_recipients r on r.campaign_id = c.id and r.wa_id = any(${`{${waIds.join(",")}}`}::text[])
            left join flows rf on rf.id = c.reply_flow_id
            left join queues q on q.id = c.reply_queue_id
            where c.channel_id = ch.id and coalesce(c.finished_at, now()) > now() - ${CAMPAIGN_REPLY_DAYS} * interval '1 day'
              and r.status in ('queued', 'sent', 'delivered', 'read')
              and coalesce(r.sent_at, r.queued_at) > now() - ${CAMPAIGN_REPLY_DAYS} * interval '1 day'
            order by r.wa_id, coalesce(r.sent_at, r.queued_at) desc
          ) l
          where l.replied_at is null
            and not exists (
              select 1 from contacts ct join conversations v on v.contact_id = ct.id
              where ct.channel_id = ch.id and ct.wa_id = l."waId" and v.last_inbound_at > l.sent
            )
        ) x) as replies
      from channels ch left join flows f on f.id = ch.flow_id
      where ch.id = any(${`{${channelIds.join(",")}}`}::uuid[])`),
  );
  const versionByChannel = new Map<string, string | null>();
  const replies = new Map<string, CampaignReply>();
  for (const row of rows) {
    versionByChannel.set(row.channel_id, row.version_id ?? null);
    const list = typeof row.replies === "string" ? (JSON.parse(row.replies) as Exclude<Row["replies"], string>) : row.replies;
    for (const r of list) {
      replies.set(`${row.channel_id}/${r.waId}`, {
        recipientId: Number(r.recipientId),
        campaignId: r.campaignId,
        campaignName: r.campaignName,
        flowVersionId: r.flowVersionId,
        queue: r.queueId ? { id: r.queueId, name: r.queueName ?? "" } : null,
      });
    }
  }
  return { versionByChannel, replies };
}

/**
 * Stamps the recipients whose reply opened a conversation, with it: the progress view shows the
 * reply at once and links its transcript. A reply proves the message was delivered and read.
 */
export async function markCampaignReplies(tx: DbOrTx, replies: { recipientId: number; conversationId: string }[], now: Date): Promise<void> {
  await tx.execute(sql`update campaign_recipients r set
      replied_at = coalesce(r.replied_at, ${now.toISOString()}::timestamptz),
      reply_conversation_id = coalesce(r.reply_conversation_id, x.conversation_id),
      delivered_at = case when r.status in ('sent', 'delivered', 'read') then coalesce(r.delivered_at, ${now.toISOString()}::timestamptz) else r.delivered_at end,
      read_at = case when r.status in ('sent', 'delivered', 'read') then coalesce(r.read_at, ${now.toISOString()}::timestamptz) else r.read_at end,
      status = case when r.status in ('sent', 'delivered') then 'read' else r.status end
    from jsonb_to_recordset(${JSON.stringify(replies.map((r) => ({ id: r.recipientId, conversation_id: r.conversationId })))}::jsonb)
      as x(id bigint, conversation_id uuid)
    where r.id = x.id`);
}

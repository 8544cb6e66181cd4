import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { EVENTS_CHANNEL } from "@/lib/realtime/events";
import { rowsOf } from "./db";
import { deliveryRankSql } from "./delivery";
import { loadVersions } from "./flow-versions";
import { env } from "@/lib/config/env";

export const SWEEP_INTERVAL_MS = env.RUNTIME_SWEEP_MS;

/**
 * Closes bot conversations idle for longer than their flow version's sessionTimeoutMinutes
 * (the customer's next message then opens a new one). Conversations with a person in charge
 * are never timed out here. Safe with several instances: the update re-checks the idle time
 * under the row lock, so a conversation that just got a message is left alone.
 */
export async function closeIdleConversations(db: Db): Promise<number> {
  const candidates = rowsOf<{ version_id: string | null }>(
    await db.execute(sql`select distinct flow_version_id as version_id from conversations
      where status = 'bot' and last_activity_at < now() - interval '1 minute'`),
  );
  if (candidates.length === 0) return 0;
  const versions = await loadVersions(db, candidates.map((c) => c.version_id).filter((v): v is string => !!v));
  let closed = 0;
  for (const { version_id } of candidates) {
    const minutes = (version_id ? versions.get(version_id)?.document?.settings?.sessionTimeoutMinutes : undefined) ?? 30;
    const result = rowsOf<{ n: number }>(
      await db.execute(sql`with closed as (
          update conversations set status = 'closed', closed_at = now(), closed_reason = 'timeout',
            -- Timed out while in the bot: abandoned where it waited (docs/analytics.md).
            bot_outcome = coalesce(bot_outcome, 'abandoned'), bot_outcome_at = coalesce(bot_outcome_at, now()),
            bot_outcome_node = case when bot_outcome is null then flow_state->>'nodeId' else bot_outcome_node end
          where status = 'bot' and ${version_id ? sql`flow_version_id = ${version_id}` : sql`flow_version_id is null`}
            and last_activity_at < now() - ${minutes} * interval '1 minute'
          returning id, queue_id
        )
        select count(*)::int as n from (
          select pg_notify(${EVENTS_CHANNEL}, json_build_object('type', 'conversation.closed', 'conversationId', id, 'queueId', queue_id)::text) from closed
        ) as notified`),
    );
    closed += Number(result[0]?.n ?? 0);
  }
  return closed;
}

const RECONCILE_OVERLAP = 5_000;
const reconcileState = globalThis as unknown as { __atendoStatusCursor?: number };

/**
 * Applies recent status webhooks to messages that are behind them. Normally a status is
 * applied when it arrives, or by the sender when it learns the wamid; the one case neither
 * sees is a status committed while the sender's record statement is running for that very
 * message. Re-reading the last few thousand status rows now and then closes that gap
 * (monotonic and idempotent, so re-applying is harmless).
 */
export async function reconcileStatuses(db: Db): Promise<number> {
  const [{ max } = { max: 0 }] = rowsOf<{ max: string | number | null }>(await db.execute(sql`select coalesce(max(id), 0) as max from status_events`)).map(
    (r) => ({ max: Number(r.max ?? 0) }),
  );
  const from = Math.max(0, (reconcileState.__atendoStatusCursor ?? max) - RECONCILE_OVERLAP);
  const result = rowsOf<{ n: number }>(
    await db.execute(sql`with best as (
        select distinct on (s.wa_message_id) s.wa_message_id, s.status, s.errors, ${deliveryRankSql(sql`s.status`)} as rank
        from status_events s where s.id > ${from} and s.id <= ${max}
        order by s.wa_message_id, ${deliveryRankSql(sql`s.status`)} desc
      ),
      applied as (
        update messages m set delivery_status = best.status::delivery_status,
          error = case when best.status = 'failed' then jsonb_build_object(
            'source', 'status', 'code', best.errors->0->'code',
            'title', coalesce(best.errors->0->>'title', best.errors->0->>'message', 'Failed'),
            'details', best.errors->0->'error_data'->'details', 'raw', best.errors) else m.error end
        from best join outbox o on o.wa_message_id = best.wa_message_id and o.wa_message_id is not null
        where m.id = o.message_id and m.direction = 'outbound' and best.rank > 0
          and m.delivery_status is distinct from 'failed'
          and best.rank > ${deliveryRankSql(sql`coalesce(m.delivery_status::text, 'pending')`)}
        returning m.id, m.conversation_id, m.delivery_status
      )
      select count(*)::int as n from (
        select pg_notify(${EVENTS_CHANNEL}, json_build_object('type', 'message.status', 'conversationId', conversation_id, 'messageId', id, 'status', delivery_status)::text)
        from applied
      ) as notified`),
  );
  reconcileState.__atendoStatusCursor = max;
  return Number(result[0]?.n ?? 0);
}

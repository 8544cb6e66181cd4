import "server-only";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { deliveryRankStatement, furthestStatuses } from "./delivery";
import { idArray, type Statement, stmt, textArray } from "./sql";

/** One inbound message as the webhook stores it. */
export type InboxInsert = {
  channel_id: string;
  wa_message_id: string;
  contact_wa_id: string;
  contact_name: string | null;
  wa_timestamp: number;
  type: string;
  payload: unknown;
};

/**
 * The inbox insert, returning the keys it stored (a wamid already stored is skipped). Also
 * embedded in the statement for webhooks that carry statuses (below).
 */
export function insertInboxStatement(rows: InboxInsert[]): Statement {
  // Ids follow the WhatsApp timestamp, then arrival: the worker's tie-break for one contact.
  const json = JSON.stringify(rows.map((r, seq) => ({ ...r, seq })));
  return stmt`insert into inbox (channel_id, wa_message_id, contact_wa_id, contact_name, wa_timestamp, type, payload)
    select r.channel_id, r.wa_message_id, r.contact_wa_id, r.contact_name, r.wa_timestamp, r.type, r.payload
    from jsonb_to_recordset(${json}::jsonb) as r(channel_id uuid, wa_message_id text, contact_wa_id text, contact_name text,
      wa_timestamp bigint, type text, payload jsonb, seq int)
    order by r.wa_timestamp, r.seq
    on conflict (channel_id, wa_message_id) do nothing
    returning channel_id, wa_message_id`;
}

/** One status webhook item as the webhook stores it, with the outbox row it names (our callback data), if any. */
export type StatusInsert = {
  channel_id: string;
  wa_message_id: string;
  status: string;
  wa_timestamp: number;
  errors: unknown[] | null;
  confirms: { id: number; attempt: number } | null;
};

/** What the statement stored (keys, to tell each delivery its own) and the live events it caused. */
export type StatusStatementResult = {
  messages: [string, string][];
  statuses: [string, string, string][];
  events: RealtimeEvent[];
};

/**
 * Inbound messages and status webhooks in one statement, atomic on its own: the messages go
 * to the inbox, the statuses to `status_events` (deduplicated) and onto the transcript rows
 * of the messages they report on, monotonically. A status whose message's wamid is being
 * written at this very moment by the sender can miss it; the sweeper's reconcile applies it
 * then. Statuses of several webhooks may share one statement (webhook-writer.ts): the furthest
 * state per message is taken over all of them.
 */
export function statusStatement(inbox: InboxInsert[], statuses: StatusInsert[]): Statement {
  const statusRows = JSON.stringify(
    statuses.map((s) => ({ channel_id: s.channel_id, wa_message_id: s.wa_message_id, status: s.status, wa_timestamp: s.wa_timestamp, errors: s.errors })),
  );
  // Statuses naming one of our outbox rows (and the attempt) prove the Graph API accepted it:
  // record it as sent if we have not yet (we may have died before writing the answer down).
  const confirmed = statuses.flatMap((s) => (s.confirms ? [{ id: s.confirms.id, attempt: s.confirms.attempt, wa_message_id: s.wa_message_id }] : []));
  const best = JSON.stringify(furthestStatuses(statuses.map((s) => ({ waMessageId: s.wa_message_id, status: s.status, errors: s.errors }))));
  return stmt`with inbox_in as (${inbox.length > 0 ? insertInboxStatement(inbox) : stmt`select null::uuid as channel_id, null::text as wa_message_id where false`}),
        status_in as (
          insert into status_events (channel_id, wa_message_id, status, wa_timestamp, errors)
          select r.channel_id, r.wa_message_id, r.status, r.wa_timestamp, r.errors
          from jsonb_to_recordset(${statusRows}::jsonb) as r(channel_id uuid, wa_message_id text, status text, wa_timestamp bigint, errors jsonb)
          on conflict (channel_id, wa_message_id, status) do nothing
          returning channel_id, wa_message_id, status
        ),
        applied as (
          -- The message is found through the send that carried it (outbox_wa_message_idx).
          update messages m set delivery_status = b.status::delivery_status, error = coalesce(b.error, m.error)
          from jsonb_to_recordset(${best}::jsonb) as b(wa_message_id text, status text, rank int, error jsonb)
            join outbox o on o.wa_message_id = b.wa_message_id
          where o.wa_message_id is not null
            and o.wa_message_id = any(${textArray(statuses.map((s) => s.wa_message_id))}::text[])
            and m.id = o.message_id and m.direction = 'outbound'
            and m.delivery_status is distinct from 'failed'
            and b.rank > ${deliveryRankStatement(stmt`coalesce(m.delivery_status::text, 'pending')`)}
          returning m.id, m.conversation_id, m.delivery_status
        ),
        unconfirmed as (
          select o.id, o.message_id, c.wa_message_id
          from outbox o join jsonb_to_recordset(${JSON.stringify(confirmed)}::jsonb) as c(id bigint, attempt int, wa_message_id text) on c.id = o.id
          where o.id = any(${idArray(confirmed.map((c) => c.id))}::bigint[])
            -- status compared as text: see "Pending by id" in sql.ts.
            and o.attempts = c.attempt and o.status::text = 'pending' and o.kind = 'message'
        ),
        confirmed as (
          update outbox set status = 'sent', wa_message_id = u.wa_message_id, sent_at = now(), locked_until = null, last_error = null
          from unconfirmed u where outbox.id = u.id
          returning 1
        ),
        confirmed_messages as (
          -- 'sent' for now: a later status of this batch is applied by the sweeper's reconcile.
          update messages m set wa_message_id = u.wa_message_id,
            delivery_status = case when coalesce(m.delivery_status::text, 'pending') = 'pending' then 'sent'::delivery_status else m.delivery_status end
          from unconfirmed u
          where m.id = u.message_id
          returning m.id, m.conversation_id, m.delivery_status
        ),
        changed as (
          select json_build_object('type', 'message.status', 'conversationId', conversation_id, 'messageId', id, 'status', delivery_status) as event
          from (select * from applied union all select * from confirmed_messages) as x
        )
        select (select count(*) from confirmed) as confirmed,
          (select coalesce(json_agg(json_build_array(channel_id, wa_message_id)), '[]'::json) from inbox_in) as messages,
          (select coalesce(json_agg(json_build_array(channel_id, wa_message_id, status)), '[]'::json) from status_in) as statuses,
          (select coalesce(json_agg(event), '[]'::json) from changed) as events`;
}

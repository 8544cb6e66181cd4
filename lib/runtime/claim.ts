import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { CONTACT_LOCK_NAMESPACE } from "./locks";
import { HTTP_JOB_TYPE, type InboxRow, type RawConversation } from "./process";
import { run, type Statement, stmt } from "./sql";
import { env } from "@/lib/config/env";

type RawInboxRow = {
  id: string | number;
  channel_id: string;
  wa_message_id: string;
  contact_wa_id: string;
  contact_name: string | null;
  wa_timestamp: string | number;
  type: string;
  payload: Record<string, unknown> | string;
  attempts: number;
};

export function toInboxRow(r: RawInboxRow): InboxRow {
  return {
    id: Number(r.id),
    channelId: r.channel_id,
    waMessageId: r.wa_message_id,
    contactWaId: r.contact_wa_id,
    contactName: r.contact_name,
    waTimestamp: Number(r.wa_timestamp),
    type: r.type,
    payload: typeof r.payload === "string" ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
    attempts: Number(r.attempts),
  };
}

type ClaimOptions = { limit: number; kind: "messages" | "http"; onlyId?: number };

/**
 * The claim's common part: `heads` finds each contact's HEAD — its earliest pending row by
 * (WhatsApp timestamp, arrival) — so a later message never overtakes an earlier one, even one
 * waiting for a retry; `locked` takes up to `limit` of those contacts with
 * `pg_try_advisory_xact_lock`, so two transactions (in this process or another instance) never
 * work on one contact at once — contacts held elsewhere are skipped, not waited for; `claimed`
 * locks the rows `FOR UPDATE SKIP LOCKED` and re-checks them as still pending, so a row another
 * instance just finished is never processed twice.
 */
function claimCtes(options: ClaimOptions): Statement {
  const scan = Math.max(options.limit * 4, 32);
  const typeTest = options.kind === "http" ? stmt`h.type = ${HTTP_JOB_TYPE}` : stmt`h.type <> ${HTTP_JOB_TYPE}`;
  return stmt`
    heads as materialized (
      select i.id, i.channel_id, i.contact_wa_id, i.type
      from inbox i
      where i.status = 'pending' and i.next_attempt_at <= now()
        ${options.onlyId !== undefined ? stmt`and i.id = ${options.onlyId}` : stmt``}
        -- The contact's head, read off the index in its order: a correlated LIMIT 1 the
        -- planner always answers from inbox_pending_contact_idx, whatever its statistics say
        -- (an anti-join, planned while the table was small, scanned every pending row).
        and i.id = (
          select e.id from inbox e
          where e.channel_id = i.channel_id and e.contact_wa_id = i.contact_wa_id and e.status = 'pending'
          order by e.wa_timestamp, e.id
          limit 1
        )
      order by i.next_attempt_at
      limit ${scan}
    ),
    locked as materialized (
      select h.id from heads h
      -- CASE fixes the evaluation order: never lock a contact for a row of the other kind.
      where case when ${typeTest}
        then pg_try_advisory_xact_lock(${CONTACT_LOCK_NAMESPACE}::int, hashtext(h.channel_id::text || '/' || h.contact_wa_id))
        else false end
      limit ${options.limit}
    ),
    claimed as materialized (
      select id, channel_id, wa_message_id, contact_wa_id, contact_name, wa_timestamp, type, payload, attempts
      from inbox
      -- status compared as text: see "Pending by id" in sql.ts.
      where id = any(array(select id from locked)) and status::text = 'pending'
      for update skip locked
    )`;
}

/**
 * Claims, inside the caller's transaction, the next row of up to `limit` contacts (see
 * `claimCtes`). `kind` chooses customer messages or HTTP jobs; `onlyId` retries one row.
 */
export async function claimHeads(tx: DbOrTx, options: ClaimOptions): Promise<InboxRow[]> {
  const rows = await run<RawInboxRow>(tx, stmt`with ${claimCtes(options)} select * from claimed`);
  return rows.map(toInboxRow);
}

/** A claimed customer message with its contact and the contact's open conversation (locked). */
export type ClaimedMessage = {
  row: InboxRow;
  contact: { id: string; name: string | null; csatPending: unknown; optedOut: boolean };
  openConversation: RawConversation | null;
};

/**
 * Claims customer messages like `claimHeads` and, in the same statement — one round trip
 * where a batch used to make two — creates or brings up to date their contacts and locks
 * their open conversations, so the desk cannot change them under the batch's feet.
 *
 * A contact row is written only when something worth keeping changed: a new contact, a new
 * profile name, or a 24-hour window renewed more than a minute after the one recorded. Most
 * messages come within a minute of the previous one, and a lagging window is the safe
 * direction (it closes at most a minute early, never late). Any customer message opens (or
 * renews) the window; a system notice (number changed) does not.
 */
export async function claimMessages(tx: DbOrTx, options: { limit: number; onlyId?: number }): Promise<ClaimedMessage[]> {
  const rows = await run<RawInboxRow & { contact_id: string; contact_kept_name: string | null; csat_pending: unknown; opted_out: boolean; conversation: RawConversation | null }>(
    tx,
    stmt`with ${claimCtes({ ...options, kind: "messages" })},
    input as (
      select distinct on (channel_id, contact_wa_id) channel_id, contact_wa_id as wa_id, contact_name as name,
        case when type <> 'system' then to_timestamp(wa_timestamp) end as last_inbound_at
      from claimed
    ),
    known as (
      -- csat_pending rides along (null for nearly every contact): a waiting satisfaction
      -- survey costs no query of its own (lib/runtime/csat.ts).
      -- opted_out_at too: an opt-in keyword means something only to a contact who opted out.
      select c.id, c.channel_id, c.wa_id, c.name, c.last_inbound_at, c.csat_pending, c.opted_out_at from contacts c
      join input i on c.channel_id = i.channel_id and c.wa_id = i.wa_id
    ),
    up as (
      insert into contacts (channel_id, wa_id, name, last_inbound_at)
      select i.channel_id, i.wa_id, i.name, i.last_inbound_at from input i
      left join known k on k.channel_id = i.channel_id and k.wa_id = i.wa_id
      where k.id is null
        or (i.name is not null and i.name is distinct from k.name)
        or i.last_inbound_at > coalesce(k.last_inbound_at, '-infinity') + interval '1 minute'
      on conflict (channel_id, wa_id) do update set
        name = coalesce(excluded.name, contacts.name),
        last_inbound_at = greatest(contacts.last_inbound_at, excluded.last_inbound_at)
      returning id, channel_id, wa_id, name, csat_pending, opted_out_at
    ),
    touched as (
      select id, channel_id, wa_id, name, csat_pending, opted_out_at from up
      union all
      select k.id, k.channel_id, k.wa_id, k.name, k.csat_pending, k.opted_out_at from known k where not exists (select 1 from up where up.id = k.id)
    )
    select cl.*, t.id as contact_id, t.name as contact_kept_name, t.csat_pending, t.opted_out_at is not null as opted_out, open.conversation
    from claimed cl
    join touched t on t.channel_id = cl.channel_id and t.wa_id = cl.contact_wa_id
    left join lateral (
      select to_jsonb(c) as conversation from conversations c
      where c.contact_id = t.id and c.status <> 'closed'
      for update
    ) open on true`,
  );
  return rows.map((r) => ({ row: toInboxRow(r), contact: { id: r.contact_id, name: r.contact_kept_name, csatPending: r.csat_pending, optedOut: r.opted_out === true }, openConversation: r.conversation }));
}

const MAX_INBOX_ATTEMPTS = env.RUNTIME_MAX_ATTEMPTS;

/** 1 s, 2 s, 4 s, 8 s… capped at 5 minutes. */
export function inboxBackoffMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Counts a failed attempt. Until the last one the row waits (and, being its contact's head,
 * holds that contact's later messages back, preserving order); then it is parked as `dead`
 * for an admin to look at and the contact's next messages go on.
 */
export async function recordInboxFailure(db: DbOrTx, row: InboxRow, error: unknown): Promise<"retry" | "dead"> {
  const attempts = row.attempts + 1;
  const dead = attempts >= MAX_INBOX_ATTEMPTS;
  const message = error instanceof Error ? `${error.message}${error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : ""}` : String(error);
  await db.execute(sql`update inbox set
      attempts = ${attempts},
      last_error = ${message.slice(0, 4000)},
      status = ${dead ? "dead" : "pending"}::inbox_status,
      next_attempt_at = now() + ${inboxBackoffMs(attempts)} * interval '1 millisecond',
      -- A backoff, not a lease: a restarted instance must not cut it short (see instance.ts).
      lease_instance = null, lease_boot = null
    where id = ${row.id} and status = 'pending'`);
  console.error(`[atendo runtime] inbox row ${row.id} (${row.waMessageId}) failed, attempt ${attempts}/${MAX_INBOX_ATTEMPTS}${dead ? ", parked as dead letter" : ""}: ${message}`);
  return dead ? "dead" : "retry";
}

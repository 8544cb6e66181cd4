import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { CONTACT_LOCK_NAMESPACE } from "./locks";
import { HTTP_JOB_TYPE, type InboxRow } from "./process";
import { run } from "./sql";

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

/**
 * Claims, inside the caller's transaction, the next row of up to `limit` contacts:
 * - only a contact's HEAD is eligible — its earliest pending row by (WhatsApp timestamp,
 *   arrival) — so a later message never overtakes an earlier one, even one that is
 *   waiting for a retry;
 * - each contact is taken with `pg_try_advisory_xact_lock`, so two transactions (in this
 *   process or another instance) never work on one contact at the same time; contacts held
 *   elsewhere are skipped, not waited for;
 * - rows are locked `FOR UPDATE SKIP LOCKED` and re-checked as still pending, so a row
 *   another instance just finished is never processed twice.
 * `kind` chooses customer messages or HTTP jobs; `onlyId` retries one specific row.
 */
export async function claimHeads(
  tx: DbOrTx,
  options: { limit: number; kind: "messages" | "http"; onlyId?: number },
): Promise<InboxRow[]> {
  const scan = Math.max(options.limit * 4, 32);
  const typeTest = options.kind === "http" ? sql`h.type = ${HTTP_JOB_TYPE}` : sql`h.type <> ${HTTP_JOB_TYPE}`;
  const rows = await run<RawInboxRow>(
    tx,
    sql`
    with heads as materialized (
      select i.id, i.channel_id, i.contact_wa_id, i.type
      from inbox i
      where i.status = 'pending' and i.next_attempt_at <= now()
        ${options.onlyId !== undefined ? sql`and i.id = ${options.onlyId}` : sql``}
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
    )
    select id, channel_id, wa_message_id, contact_wa_id, contact_name, wa_timestamp, type, payload, attempts
    from inbox
    -- status compared as text: see "Pending by id" in sql.ts.
    where id = any(array(select id from locked)) and status::text = 'pending'
    for update skip locked`,
  );
  return rows.map(toInboxRow);
}

export const MAX_INBOX_ATTEMPTS = Number(process.env.RUNTIME_MAX_ATTEMPTS ?? 5);

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
      next_attempt_at = now() + ${inboxBackoffMs(attempts)} * interval '1 millisecond'
    where id = ${row.id} and status = 'pending'`);
  console.error(`[atendo runtime] inbox row ${row.id} (${row.waMessageId}) failed, attempt ${attempts}/${MAX_INBOX_ATTEMPTS}${dead ? ", parked as dead letter" : ""}: ${message}`);
  return dead ? "dead" : "retry";
}

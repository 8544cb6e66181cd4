import "server-only";
import type { Db } from "@/lib/db/types";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { publishCommitted } from "@/lib/realtime/publisher";
import { verifySignature } from "@/lib/whatsapp/signature";
import { parseWebhookPayload, type InboundMessageEvent, type StatusEvent } from "@/lib/whatsapp/webhook-events";
import { getChannels, type RuntimeChannel } from "./channel-cache";
import { deliveryRankStatement, furthestStatuses } from "./delivery";
import { parseOutboxCallbackData } from "./callback-data";
import { insertInboxStatement, writeInbox, type InboxInsert } from "./inbox-writer";
import { idArray, run, stmt, textArray } from "./sql";
import { wakeInbox } from "./signals";
import { record } from "./stats";
import { env } from "@/lib/config/env";

export type IngestOutcome = {
  status: 200 | 400 | 401 | 503;
  message: string;
  stored?: { messages: number; statuses: number; applied: number; ignored: number };
};

/** Longest the webhook waits for the database before answering 503 (Meta then retries). */
const STORE_TIMEOUT_MS = env.WEBHOOK_STORE_TIMEOUT_MS;

class StoreTimeout extends Error {}

function log(message: string, detail?: unknown) {
  console.warn(`[atendo webhook] ${message}`, detail ?? "");
}

/**
 * The webhook's whole job: authenticate, parse, store durably, answer. Nothing is processed
 * here — the worker does that after the commit — so the answer stays fast and a crash after
 * the 200 loses nothing. Duplicates (Meta retries) fall on the unique keys and are ignored.
 */
export async function ingestWebhook(db: Db, raw: Buffer, signature: string | null): Promise<IngestOutcome> {
  if (!signature) return { status: 401, message: "Missing X-Hub-Signature-256" };

  let snapshot: Awaited<ReturnType<typeof getChannels>>;
  try {
    snapshot = await getChannels(db);
  } catch (error) {
    log("database unavailable while loading channels", (error as Error).message);
    return { status: 503, message: "Temporarily unavailable" };
  }
  let verified = verifiedChannels(snapshot.list, raw, signature);
  if (verified.size === 0) {
    // The app secret may have just been changed in another instance: re-read once.
    try {
      snapshot = await getChannels(db, { fresh: true });
      verified = verifiedChannels(snapshot.list, raw, signature);
    } catch {
      // keep the cached verdict
    }
    if (verified.size === 0) return { status: 401, message: "Invalid signature" };
  }

  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return { status: 400, message: "The body is not valid JSON" };
  }
  const parsed = parseWebhookPayload(json);
  if (!parsed.ok) return { status: 400, message: parsed.reason };

  const messages: { channel: RuntimeChannel; event: InboundMessageEvent }[] = [];
  const statuses: { channel: RuntimeChannel; event: StatusEvent }[] = [];
  let ignored = 0;
  for (const event of parsed.events) {
    if (event.kind === "skipped") {
      ignored++;
      log(`skipped an unreadable item (${event.reason})`);
      continue;
    }
    const channel = event.phoneNumberId ? snapshot.byPhone.get(event.phoneNumberId) : undefined;
    if (event.kind === "error") {
      log(`Meta reported errors for ${event.phoneNumberId ?? "an unknown number"}`, JSON.stringify(event.errors));
      continue;
    }
    if (!channel) {
      ignored++;
      log(`ignored a ${event.kind} for unknown phone_number_id ${event.phoneNumberId}`);
      continue;
    }
    // One app signs for all its numbers; a payload naming a number of another app is forged.
    if (!verified.has(channel.id)) return { status: 401, message: "Invalid signature" };
    if (event.kind === "message") messages.push({ channel, event });
    else statuses.push({ channel, event });
  }
  if (messages.length === 0 && statuses.length === 0) return { status: 200, message: "OK", stored: { messages: 0, statuses: 0, applied: 0, ignored } };

  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  try {
    const stored = await Promise.race([
      store(db, messages, statuses),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new StoreTimeout("store timed out")), STORE_TIMEOUT_MS);
      }),
    ]);
    if (stored.messages > 0) wakeInbox();
    record("ingest", stored.messages + stored.statuses, performance.now() - started);
    return { status: 200, message: "OK", stored: { ...stored, ignored } };
  } catch (error) {
    log("could not store the webhook; answering 503 so Meta retries", (error as Error).message);
    return { status: 503, message: "Temporarily unavailable" };
  } finally {
    clearTimeout(timer);
  }
}

function verifiedChannels(list: RuntimeChannel[], raw: Buffer, signature: string): Set<string> {
  const ok = new Set<string>();
  const bySecret = new Map<string, boolean>();
  for (const channel of list) {
    if (!channel.appSecret) continue;
    let valid = bySecret.get(channel.appSecret);
    if (valid === undefined) {
      valid = verifySignature(raw, signature, channel.appSecret);
      bySecret.set(channel.appSecret, valid);
    }
    if (valid) ok.add(channel.id);
  }
  return ok;
}

async function store(
  db: Db,
  messages: { channel: RuntimeChannel; event: InboundMessageEvent }[],
  statuses: { channel: RuntimeChannel; event: StatusEvent }[],
): Promise<{ messages: number; statuses: number; applied: number }> {
  const inboxInserts: InboxInsert[] = messages.map(({ channel, event }) => ({
    channel_id: channel.id,
    wa_message_id: event.waMessageId,
    contact_wa_id: event.waId,
    contact_name: event.contactName,
    wa_timestamp: event.timestamp,
    type: event.type,
    payload: event.raw,
  }));
  if (statuses.length === 0) {
    // The common case: messages only, written together with concurrent webhooks' (inbox-writer.ts).
    return { messages: await writeInbox(db, inboxInserts), statuses: 0, applied: 0 };
  }

  const statusRows = JSON.stringify(
    statuses.map(({ channel, event }) => ({
      channel_id: channel.id,
      wa_message_id: event.waMessageId,
      status: event.status,
      wa_timestamp: event.timestamp,
      errors: event.errors,
    })),
  );
  // Statuses naming one of our outbox rows (and the attempt) prove the Graph API accepted it:
  // record it as sent if we have not yet (we may have died before writing the answer down).
  const confirmed = statuses.flatMap(({ event }) => {
    const ref = parseOutboxCallbackData(event.callbackData);
    return ref ? [{ id: ref.outboxId, attempt: ref.attempt, wa_message_id: event.waMessageId }] : [];
  });
  const best = JSON.stringify(
    furthestStatuses(statuses.map(({ event }) => ({ waMessageId: event.waMessageId, status: event.status, errors: event.errors }))),
  );
  // One statement, atomic on its own. A status whose message's wamid is being written at
  // this very moment by the sender can miss it; the sweeper's reconcile applies it then.
  const result = await run<{ messages: number; statuses: number; events: RealtimeEvent[] }>(
    db,
    stmt`with inbox_in as (${messages.length > 0 ? insertInboxStatement(inboxInserts) : stmt`select 1 where false`}),
        status_in as (
          insert into status_events (channel_id, wa_message_id, status, wa_timestamp, errors)
          select r.channel_id, r.wa_message_id, r.status, r.wa_timestamp, r.errors
          from jsonb_to_recordset(${statusRows}::jsonb) as r(channel_id uuid, wa_message_id text, status text, wa_timestamp bigint, errors jsonb)
          on conflict (channel_id, wa_message_id, status) do nothing
          returning 1
        ),
        applied as (
          -- The message is found through the send that carried it (outbox_wa_message_idx).
          update messages m set delivery_status = b.status::delivery_status, error = coalesce(b.error, m.error)
          from jsonb_to_recordset(${best}::jsonb) as b(wa_message_id text, status text, rank int, error jsonb)
            join outbox o on o.wa_message_id = b.wa_message_id
          where o.wa_message_id is not null
            and o.wa_message_id = any(${textArray(statuses.map(({ event }) => event.waMessageId))}::text[])
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
        select (select count(*) from confirmed) as confirmed, (select count(*) from inbox_in)::int as messages, (select count(*) from status_in)::int as statuses,
          (select coalesce(json_agg(event), '[]'::json) from changed) as events`,
  );
  const row = result[0] ?? { messages: 0, statuses: 0, events: [] };
  // After the commit (this statement's own), many to a NOTIFY: see lib/realtime/publisher.ts.
  publishCommitted(db, row.events);
  return { messages: Number(row.messages), statuses: Number(row.statuses), applied: row.events.length };
}

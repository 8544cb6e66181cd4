import "server-only";
import type { Db } from "@/lib/db/types";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { publishCommitted } from "@/lib/realtime/publisher";
import { isStoredMediaSend, sendByIdBody, type StoredMediaSend } from "@/lib/media/outbound";
import { getMediaStorage } from "@/lib/media/storage";
import { postToGraph, type GraphSendResult } from "@/lib/whatsapp/graph-client";
import { uploadToGraph } from "@/lib/whatsapp/graph-upload";
import { graphBaseUrl } from "@/lib/whatsapp/graph-url";
import { outboxCallbackData } from "./callback-data";
import { getChannels, type RuntimeChannel } from "./channel-cache";
import { whatsappBody, type OutgoingContent } from "./enqueue";
import { deliveryRankStatement, sendError } from "./delivery";
import { ChannelRateLimiter } from "./rate-limit";
import { leaseHolder } from "./instance";
import { idArray, run, stmt, textArray } from "./sql";
import { waitFor, wakeOutbox } from "./signals";
import { record } from "./stats";
import { env, sendLeaseMs } from "@/lib/config/env";

export type OutboxRow = {
  id: number;
  channelId: string;
  conversationId: string | null;
  messageId: string | null;
  contactWaId: string;
  kind: string;
  body: unknown;
  attempts: number;
  createdAt: Date;
};

/** A stored file the sender uploads to Meta: a media row, or a media library file. */
type StoredFile = { storage_key: string | null; sniffed_mime: string | null; filename: string | null; kind: string; library_id: string | null };

/** A read receipt sent straight from memory (no outbox row): see `OutboxSender.markRead`. */
export type MarkRead = { channelId: string; body: unknown };

type RawOutboxRow = {
  id: string | number;
  channel_id: string;
  conversation_id: string | null;
  message_id: string | null;
  contact_wa_id: string;
  kind: string;
  body: unknown;
  attempts: number;
  created_at: Date | string;
};

/** A claimed row stays ours this long; past it (we crashed or hung), another sender may take it. */
export const LEASE_MS = sendLeaseMs();
/** Retryable failures of a message keep being retried for a day: later, the 24-hour window is gone anyway. */
const GIVE_UP_AFTER_MS = 24 * 3600_000;
/** Mark-as-read is a courtesy: a few tries, then drop it. */
const MARK_READ_ATTEMPTS = 5;
/** Concurrent outcome writers (distinct rows and sorted lock keys: they never deadlock). */
const MAX_FLUSHES = env.RUNTIME_RECORD_WRITERS;
const MAX_BACKOFF_MS = env.RUNTIME_SEND_MAX_BACKOFF_MS;

/**
 * Exponential backoff with jitter (50–100 % of the step) so a burst of throttled sends does
 * not come back as one burst. Throttling backs off from 4 s (Meta: 4^n s for the pair limit).
 */
export function sendBackoffMs(attempts: number, throttled: boolean): number {
  const base = throttled ? 4_000 : 1_000;
  const step = Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(step * (0.5 + Math.random() * 0.5));
}

/** Meta keeps uploaded media 30 days; a library file's upload is reused for 25 of them. */
const LIBRARY_UPLOAD_REUSE_DAYS = 25;

/**
 * Claims due rows. A `message` row is due only when no earlier message of the same contact
 * is still unsent (pending, whether leased or waiting for a retry): one contact's messages
 * leave strictly in order. The claim itself is the "before" record: attempts and the lease
 * commit before the request goes out.
 */
export async function claimOutbox(db: Db, limit: number): Promise<OutboxRow[]> {
  const holder = leaseHolder();
  const result = await run<RawOutboxRow>(
    db,
    stmt`
    with due as (
      select o.id from outbox o
      where o.status = 'pending' and o.next_attempt_at <= now() and (o.locked_until is null or o.locked_until < now())
        -- Only the contact's first unsent message, read off outbox_pending_contact_idx in
        -- order (a correlated LIMIT 1 keeps the planner on the index even on stale statistics).
        and (o.kind <> 'message' or o.id = (
          select e.id from outbox e
          where e.channel_id = o.channel_id and e.contact_wa_id = o.contact_wa_id and e.status = 'pending' and e.kind = 'message'
          order by e.id
          limit 1))
      order by o.next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update outbox set locked_until = now() + ${LEASE_MS} * interval '1 millisecond', attempts = outbox.attempts + 1,
      lease_instance = ${holder.instanceId}, lease_boot = ${holder.bootId},
      -- Read receipts are a courtesy, sent at most once: recorded as sent now, put back only if
      -- the API refuses them — one write instead of two for half of all sends.
      status = case when outbox.kind = 'mark_read' then 'sent'::outbox_status else outbox.status end,
      sent_at = case when outbox.kind = 'mark_read' then now() else outbox.sent_at end
    from due where outbox.id = due.id
    returning outbox.id, outbox.channel_id, outbox.conversation_id, outbox.message_id, outbox.contact_wa_id, outbox.kind,
      outbox.body, outbox.attempts, outbox.created_at`,
  );
  // A message row carries no body: it is rendered from its transcript message's content.
  const contentIds = result.filter((r) => r.body === null && r.message_id).map((r) => r.message_id!);
  const contents = new Map<string, unknown>();
  if (contentIds.length > 0) {
    const rows = await run<{ id: string; payload: unknown }>(
      db,
      stmt`select id, payload from messages where id = any(${idArray(contentIds)}::uuid[])`,
    );
    for (const r of rows) contents.set(r.id, typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload);
  }
  return result
    .map((r) => ({
      id: Number(r.id),
      channelId: r.channel_id,
      conversationId: r.conversation_id,
      messageId: r.message_id,
      contactWaId: r.contact_wa_id,
      kind: r.kind,
      body: r.body === null ? renderedBody(r, contents) : typeof r.body === "string" ? JSON.parse(r.body) : r.body,
      attempts: Number(r.attempts),
      createdAt: new Date(r.created_at),
    }))
    .sort((a, b) => a.id - b.id);
}

/** The request body of a message row, from its transcript message (null: the message is gone). */
function renderedBody(row: RawOutboxRow, contents: Map<string, unknown>): unknown {
  const content = row.message_id ? contents.get(row.message_id) : undefined;
  return content ? whatsappBody(row.contact_wa_id, content as OutgoingContent) : null;
}

type Outcome = { row: OutboxRow; result: GraphSendResult };

/** A send that cannot be made at all: failed for good, without asking the API. */
function cannotSend(message: string): GraphSendResult {
  return { ok: false, retryable: false, throttled: false, httpStatus: null, code: null, error: { message } };
}

/**
 * Writes send outcomes (the "after" record) in one statement per flush:
 * - sent: the wamid on the outbox row and the transcript message (delivery `sent`), and any
 *   status webhooks that arrived before we knew the wamid (one racing with this very
 *   statement is applied by the sweeper's reconcile, see sweeper.ts);
 * - retryable: back to waiting with backoff (the contact's later rows keep waiting too);
 * - permanent: failed, with Meta's error on the outbox row and the message.
 */
export async function recordOutcomes(db: Db, outcomes: Outcome[]): Promise<{ unblocked: boolean }> {
  const sent: { id: number; wa_message_id: string | null; message_id: string | null; channel_id: string }[] = [];
  const retry: { id: number; delay_ms: number; error: unknown }[] = [];
  const failed: { id: number; message_id: string | null; error: unknown; delivery_error: unknown }[] = [];
  const now = Date.now();
  for (const { row, result } of outcomes) {
    if (result.ok) {
      if (row.kind !== "mark_read") sent.push({ id: row.id, wa_message_id: result.waMessageId, message_id: row.messageId, channel_id: row.channelId });
      continue;
    }
    const lastError = { httpStatus: result.httpStatus, code: result.code, error: result.error, at: new Date(now).toISOString() };
    const exhausted =
      row.kind === "mark_read" ? row.attempts >= MARK_READ_ATTEMPTS : now - row.createdAt.getTime() > GIVE_UP_AFTER_MS;
    if (result.retryable && !exhausted) {
      retry.push({ id: row.id, delay_ms: sendBackoffMs(row.attempts, result.throttled), error: lastError });
    } else {
      failed.push({ id: row.id, message_id: row.messageId, error: lastError, delivery_error: sendError(result.error, result.httpStatus) });
    }
  }
  if (sent.length + retry.length + failed.length === 0) return { unblocked: false };
  const write = stmt`
    with r as (select * from jsonb_to_recordset(${JSON.stringify(sent)}::jsonb) as r(id bigint, wa_message_id text)),
    o as (
      update outbox set status = 'sent', wa_message_id = r.wa_message_id, sent_at = now(), locked_until = null, last_error = null
      -- status compared as text: see "Pending by id" in sql.ts.
      from r where outbox.id = r.id and outbox.id = any(${idArray(sent.map((r) => r.id))}::bigint[]) and outbox.status::text = 'pending'
      returning outbox.id, outbox.message_id, outbox.wa_message_id, outbox.channel_id, outbox.contact_wa_id
    ),
    -- Is a later row of these contacts queued behind the ones just sent? Only then is a claim
    -- worth making now (replies handed over directly never wait in the queue).
    -- A correlated LIMIT 1 per contact, read off outbox_pending_contact_idx: as a join, planned
    -- on an empty table, it walked the whole index for each row sent.
    waiting as (
      select 1 from o
      where (
        select w.id from outbox w
        where w.channel_id = o.channel_id and w.contact_wa_id = o.contact_wa_id
          and w.status = 'pending' and w.id > o.id and w.locked_until is null
        order by w.id
        limit 1
      ) is not null
      limit 1
    ),
    best as (
      select distinct on (s.wa_message_id) s.wa_message_id, s.status, s.errors, ${deliveryRankStatement(stmt`s.status`)} as rank
      from status_events s join o on s.wa_message_id = o.wa_message_id
      where s.channel_id = any(${idArray([...new Set(sent.map((r) => r.channel_id))])}::uuid[])
        and s.wa_message_id = any(${textArray(sent.flatMap((r) => (r.wa_message_id ? [r.wa_message_id] : [])))}::text[])
      order by s.wa_message_id, ${deliveryRankStatement(stmt`s.status`)} desc
    ),
    m as (
      update messages set wa_message_id = o.wa_message_id,
        delivery_status = case when best.rank > 2 then best.status::delivery_status else 'sent' end,
        error = case when best.status = 'failed' then jsonb_build_object(
          'source', 'status', 'code', best.errors->0->'code',
          'title', coalesce(best.errors->0->>'title', best.errors->0->>'message', 'Failed'),
          'details', best.errors->0->'error_data'->'details', 'raw', best.errors) else messages.error end
      from o left join best on best.wa_message_id = o.wa_message_id
      where messages.id = o.message_id and messages.id = any(${idArray(sent.flatMap((r) => (r.message_id ? [r.message_id] : [])))}::uuid[])
      returning messages.id, messages.conversation_id, messages.delivery_status::text as status
    ),
    retried as (
      update outbox set status = 'pending', sent_at = null, locked_until = null, last_error = r.error,
        next_attempt_at = now() + r.delay_ms * interval '1 millisecond'
      from jsonb_to_recordset(${JSON.stringify(retry)}::jsonb) as r(id bigint, delay_ms int, error jsonb)
      where outbox.id = r.id and outbox.id = any(${idArray(retry.map((r) => r.id))}::bigint[]) and (outbox.status = 'pending' or outbox.kind = 'mark_read')
      returning 1
    ),
    f as (select * from jsonb_to_recordset(${JSON.stringify(failed)}::jsonb) as f(id bigint, message_id uuid, error jsonb, delivery_error jsonb)),
    failed_rows as (
      update outbox set status = 'failed', locked_until = null, last_error = f.error
      from f where outbox.id = f.id and outbox.id = any(${idArray(failed.map((f) => f.id))}::bigint[]) and (outbox.status = 'pending' or outbox.kind = 'mark_read')
      returning outbox.id, outbox.message_id
    ),
    failed_messages as (
      update messages set delivery_status = 'failed', error = f.delivery_error
      from failed_rows join f on f.id = failed_rows.id
      where messages.id = failed_rows.message_id and messages.id = any(${idArray(failed.flatMap((f) => (f.message_id ? [f.message_id] : [])))}::uuid[])
      returning messages.id, messages.conversation_id, 'failed'::text as status
    ),
    changed as (
      select json_build_object('type', 'message.status', 'conversationId', x.conversation_id, 'messageId', x.id, 'status', x.status) as event
      from (select * from m union all select * from failed_messages) as x
    )
    select (select coalesce(json_agg(event), '[]'::json) from changed) as events, exists (select 1 from waiting) as waiting`;
  // One autocommit statement: the shortest possible window between Meta accepting a message
  // and our record of it (see docs/runtime.md on duplicates after a crash).
  const [result] = await run<{ waiting: boolean; events: RealtimeEvent[] }>(db, write);
  // After the commit (this statement's own), many to a NOTIFY: see lib/realtime/publisher.ts.
  publishCommitted(db, result?.events ?? []);
  logFailures(failed);
  // A contact's next message can leave once this one is sent or has definitely failed: worth a
  // claim now if one is queued behind a sent row (`waiting`), or after any definite failure.
  return { unblocked: failed.length > 0 || !!result?.waiting };
}

function logFailures(failed: { id: number; error: unknown }[]): void {
  for (const f of failed) {
    console.warn(`[atendo runtime] outbox row ${f.id} failed permanently:`, JSON.stringify((f.error as { error?: unknown }).error));
  }
}

/**
 * The outbox sender of one instance: claims due rows, sends them concurrently (bounded, and
 * paced per channel), and records outcomes in coalesced batches. It never sends a contact's
 * next message before the previous one's outcome is recorded.
 */
export class OutboxSender {
  private inFlight = 0;
  /** Rows handed over directly and not yet launched (waiting behind their contact's previous one). */
  private queuedDirect = 0;
  private markReadsInFlight = 0;
  private outcomes: Outcome[] = [];
  private flushes = 0;
  private slotFreed: (() => void) | null = null;
  /** Library file uploads under way, by channel and file (see `uploadLibraryFile`). */
  private libraryUploadsInFlight = new Map<string, Promise<{ ok: true; id: string } | GraphSendResult & { ok: false }>>();
  readonly limiter = new ChannelRateLimiter();

  constructor(
    private db: Db,
    /** Where outcomes are written: a pool of their own (db.ts). */
    private recordsDb: Db = db,
    private maxInFlight = env.RUNTIME_SEND_CONCURRENCY,
    private claimBatch = env.RUNTIME_SEND_BATCH,
  ) {}

  /** One round: claim and launch. Returns false when there was nothing to send. */
  async tick(): Promise<boolean> {
    const capacity = this.maxInFlight - this.inFlight - this.queuedDirect;
    if (capacity <= 0) {
      await new Promise<void>((resolve) => (this.slotFreed = resolve));
      return true;
    }
    const started = performance.now();
    const rows = await claimOutbox(this.db, Math.min(capacity, this.claimBatch));
    record(rows.length ? "send claim" : "empty send claim", rows.length, performance.now() - started);
    if (rows.length === 0) return false;
    const snapshot = await getChannels(this.db);
    for (const row of rows) {
      this.inFlight++;
      void this.send(row, snapshot.byId.get(row.channelId)).then((result) => this.finish({ row, result }));
    }
    return true;
  }

  /** Free room for rows handed over directly (process.ts leases at most this many). */
  capacity(): number {
    return Math.max(0, this.maxInFlight - this.inFlight - this.queuedDirect);
  }

  /**
   * Takes rows the worker wrote already leased to this sender (same thread, just committed):
   * they go out at once, without a claim. A contact's rows go one after another; if one is not
   * sent, the rest of its chain is released to the queue, whose claim keeps the order.
   */
  handDirect(rows: OutboxRow[], channels: Map<string, RuntimeChannel>): void {
    const chains = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const key = `${row.channelId}/${row.contactWaId}`;
      chains.set(key, [...(chains.get(key) ?? []), row]);
    }
    for (const chain of chains.values()) {
      this.queuedDirect += chain.length;
      void this.runChain(chain, channels);
    }
  }

  private async runChain(chain: OutboxRow[], channels: Map<string, RuntimeChannel>): Promise<void> {
    for (let i = 0; i < chain.length; i++) {
      const row = chain[i]!;
      this.queuedDirect--;
      this.inFlight++;
      const result = await this.send(row, channels.get(row.channelId));
      this.finish({ row, result });
      if (!result.ok) {
        const rest = chain.slice(i + 1);
        this.queuedDirect -= rest.length;
        if (rest.length > 0) await this.release(rest);
        return;
      }
    }
  }

  /** Gives leased rows back to the queue (the claim then sends them after their predecessor). */
  private async release(rows: OutboxRow[]): Promise<void> {
    try {
      await run(
        this.recordsDb,
        // status compared as text: see "Pending by id" in sql.ts.
        stmt`update outbox set locked_until = null, attempts = greatest(0, attempts - 1)
          where id = any(${idArray(rows.map((r) => r.id))}::bigint[]) and status::text = 'pending'`,
      );
      wakeOutbox();
    } catch (error) {
      // Their lease runs out instead, and the claim takes them then.
      console.error("[atendo runtime] could not release outbox rows:", (error as Error).message);
    }
  }

  /**
   * Read receipts, straight from memory: a courtesy with nothing to record, so no outbox row.
   * A few tries on throttling or a network error, then it is dropped (also lost if the
   * process dies before it goes: the customer's ticks simply stay grey a little longer).
   */
  markRead(items: MarkRead[], channels: Map<string, RuntimeChannel>): void {
    for (const item of items) {
      const channel = channels.get(item.channelId);
      if (!channel) continue;
      this.markReadsInFlight++;
      void (async () => {
        for (let attempt = 1; attempt <= MARK_READ_ATTEMPTS; attempt++) {
          const result = await postToGraph(graphBaseUrl(channel), channel.phoneNumberId, channel.accessToken, item.body);
          if (result.ok || !result.retryable) break;
          await new Promise((r) => setTimeout(r, sendBackoffMs(attempt, result.throttled)));
        }
      })().finally(() => this.markReadsInFlight--);
    }
  }

  private async send(row: OutboxRow, channel: Awaited<ReturnType<typeof getChannels>>["list"][number] | undefined): Promise<GraphSendResult> {
    if (!channel) {
      return cannotSend("The channel no longer exists");
    }
    if (row.body === null) {
      return cannotSend("The message to send no longer exists");
    }
    let request = row.body;
    if (isStoredMediaSend(row.body)) {
      // A stored file (an agent's, or a library file as a message, a buttons' or a template's
      // media header): uploaded to Meta first (once), then sent by its id.
      const uploaded = await this.upload(row, row.body, channel);
      if (!uploaded.ok) return uploaded;
      request = sendByIdBody(row.body, uploaded.id);
    }
    // Only messages count against Meta's throughput limit; read receipts are not messages.
    if (row.kind === "message") await this.limiter.take(channel.id, channel.sendRatePerSecond);
    const started = performance.now();
    const body = row.kind === "message" ? { ...(request as object), biz_opaque_callback_data: outboxCallbackData(row.id, row.attempts) } : request;
    const result = await postToGraph(graphBaseUrl(channel), channel.phoneNumberId, channel.accessToken, body);
    record("graph", 1, performance.now() - started);
    return result;
  }

  /**
   * Uploads a stored file to `/{phone-number-id}/media`, unless an earlier attempt did: Meta's
   * id is kept on the outbox row (by primary key), so a retry after a failed send sends by it.
   * Failures are classified like sends' (429/5xx retried, other 4xx final, reason on the message).
   */
  private async upload(row: OutboxRow, body: StoredMediaSend, channel: RuntimeChannel): Promise<{ ok: true; id: string } | GraphSendResult & { ok: false }> {
    if (body.uploaded_id) return { ok: true, id: body.uploaded_id };
    const file = await this.storedFile(body);
    if (!file?.storage_key || !file.sniffed_mime) return cannotSend("The file to send is no longer stored") as GraphSendResult & { ok: false };
    const result = file.library_id ? await this.uploadLibraryFile({ ...file, library_id: file.library_id }, channel) : await this.uploadStored(file, channel);
    if (!result.ok) return result;
    body.uploaded_id = result.id;
    try {
      await run(this.recordsDb, stmt`update outbox set body = jsonb_set(body, '{uploaded_id}', to_jsonb(${result.id}::text)) where id = ${row.id}`);
    } catch (error) {
      // Not kept: a retry would upload again (harmless, a second copy at Meta); the send goes on.
      console.error("[atendo runtime] could not keep the uploaded media id:", (error as Error).message);
    }
    return result;
  }

  /**
   * The file to upload: the media row (an agent's file, or a conversation's copy of a library
   * file), or the library file itself for a send with no conversation (a campaign's header).
   */
  private async storedFile(body: StoredMediaSend): Promise<StoredFile | undefined> {
    const { media_id: mediaId, library_id: libraryId } = body.send_media;
    const [file] = mediaId
      ? await run<StoredFile>(this.recordsDb, stmt`select storage_key, sniffed_mime, filename, kind, library_id from media where id = ${mediaId}::uuid`)
      : libraryId
        ? await run<StoredFile>(
            this.recordsDb,
            stmt`select storage_key, mime as sniffed_mime, name as filename, kind, id as library_id from media_library where id = ${libraryId}::uuid`,
          )
        : [];
    return file;
  }

  private async uploadStored(
    file: StoredFile,
    channel: RuntimeChannel,
  ): Promise<{ ok: true; id: string } | GraphSendResult & { ok: false }> {
    let bytes: Buffer;
    try {
      const stored = await getMediaStorage().get(file.storage_key!);
      if (!stored) return cannotSend("The file to send is no longer stored") as GraphSendResult & { ok: false };
      const chunks: Buffer[] = [];
      for await (const chunk of stored.body) chunks.push(chunk as Buffer);
      bytes = Buffer.concat(chunks);
    } catch (error) {
      // The storage is down: a network-like failure, retried.
      return { ok: false, retryable: true, throttled: false, httpStatus: null, code: null, error: { message: `The storage could not read the file: ${(error as Error).message}`, type: "storage" } };
    }
    const started = performance.now();
    const result = await uploadToGraph(graphBaseUrl(channel), channel.phoneNumberId, channel.accessToken, {
      bytes,
      type: file.sniffed_mime!,
      filename: file.filename ?? `${file.kind}`,
    });
    record("graph upload", 1, performance.now() - started);
    return result;
  }

  /**
   * A media library file is uploaded once per channel and reused while Meta keeps it (30 days).
   * Sends of the same file at the same moment (a campaign's recipients) share one upload.
   */
  private uploadLibraryFile(file: StoredFile & { library_id: string }, channel: RuntimeChannel): Promise<{ ok: true; id: string } | GraphSendResult & { ok: false }> {
    const key = `${channel.id}/${file.library_id}`;
    const pending = this.libraryUploadsInFlight.get(key);
    if (pending) return pending;
    const upload = (async () => {
      const reused = await this.libraryUpload(file.library_id, channel.id);
      if (reused) return { ok: true, id: reused } as const;
      const result = await this.uploadStored(file, channel);
      if (result.ok) await this.keepLibraryUpload(file.library_id, channel.id, result.id);
      return result;
    })().finally(() => this.libraryUploadsInFlight.delete(key));
    this.libraryUploadsInFlight.set(key, upload);
    return upload;
  }

  /** Meta's id for a library file uploaded through this channel, while it is safely within Meta's 30 days. */
  private async libraryUpload(libraryId: string, channelId: string): Promise<string | null> {
    const [found] = await run<{ wa_media_id: string }>(
      this.recordsDb,
      stmt`select wa_media_id from media_library_uploads
        where library_id = ${libraryId}::uuid and channel_id = ${channelId}::uuid and uploaded_at > now() - ${LIBRARY_UPLOAD_REUSE_DAYS} * interval '1 day'`,
    );
    return found?.wa_media_id ?? null;
  }

  private async keepLibraryUpload(libraryId: string, channelId: string, waMediaId: string): Promise<void> {
    try {
      await run(
        this.recordsDb,
        stmt`insert into media_library_uploads (library_id, channel_id, wa_media_id, uploaded_at) values (${libraryId}::uuid, ${channelId}::uuid, ${waMediaId}, now())
          on conflict (library_id, channel_id) do update set wa_media_id = excluded.wa_media_id, uploaded_at = excluded.uploaded_at`,
      );
    } catch (error) {
      // Not kept: the next send uploads again (a second copy at Meta); this one goes on.
      console.error("[atendo runtime] could not keep the library upload:", (error as Error).message);
    }
  }

  private finish(outcome: Outcome): void {
    this.inFlight--;
    this.outcomes.push(outcome);
    const freed = this.slotFreed;
    this.slotFreed = null;
    freed?.();
    this.flush();
  }

  /**
   * Records outcomes as soon as they come back — every moment between Meta accepting a
   * message and our record of it is a window in which a crash means sending it twice — with
   * up to `MAX_FLUSHES` writers at once, each taking whatever has piled up.
   */
  private flush(): void {
    if (this.flushes >= MAX_FLUSHES || this.outcomes.length === 0) return;
    this.flushes++;
    void (async () => {
      let failures = 0;
      while (this.outcomes.length > 0) {
        const batch = this.outcomes.splice(0, 256);
        try {
          const started = performance.now();
          const { unblocked } = await recordOutcomes(this.recordsDb, batch);
          record("record", batch.length, performance.now() - started);
          failures = 0;
          // The contacts' next rows may be sendable now.
          if (unblocked) wakeOutbox();
        } catch (error) {
          // The database is unreachable: keep the outcomes and try again (the leases are long).
          this.outcomes.unshift(...batch);
          failures++;
          if (failures === 1 || failures % 20 === 0) console.error("[atendo runtime] could not record send outcomes:", (error as Error).message);
          await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * failures)));
        }
      }
    })().finally(() => {
      this.flushes--;
      this.flush();
    });
  }

  /** Waits for in-flight sends and their records (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.inFlight > 0 || this.queuedDirect > 0 || this.markReadsInFlight > 0 || this.outcomes.length > 0 || this.flushes > 0) {
      await waitFor("outbox", 20);
    }
  }
}

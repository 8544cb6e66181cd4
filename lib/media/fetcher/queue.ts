import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { rowsOf } from "@/lib/runtime/db";
import type { LeaseHolder } from "@/lib/runtime/instance";
import type { MediaFailureCode, MediaKind } from "../types";
import type { MediaJob, Stored } from "./fetch-one";

/*
 * The media rows as a work queue, leased like the outbox: a claim sets `locked_until` (and
 * who holds it) and counts the attempt before the download starts, so a fetcher that dies
 * mid-download leaves a row that another (or its own next boot, at once) takes again.
 */

export type ClaimedMedia = MediaJob & { channelId: string; conversationId: string; messageId: string; attempts: number };

type Row = {
  id: string;
  kind: MediaKind;
  wa_media_id: string;
  declared_mime: string | null;
  sha256: string | null;
  channel_id: string;
  conversation_id: string;
  message_id: string;
  attempts: number;
};

/** Claims up to `limit` due rows for `leaseMs`. Rows our own previous boot held are due at once. */
export async function claimMedia(db: DbOrTx, limit: number, leaseMs: number, holder: LeaseHolder): Promise<ClaimedMedia[]> {
  const result = await db.execute(sql`
    with due as (
      select id from media
      where status = 'pending' and next_attempt_at <= now()
        and (locked_until is null or locked_until < now() or (lease_instance = ${holder.instanceId} and lease_boot <> ${holder.bootId}))
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update media m set attempts = m.attempts + 1, locked_until = now() + ${leaseMs} * interval '1 millisecond',
      lease_instance = ${holder.instanceId}, lease_boot = ${holder.bootId}
    from due where m.id = due.id
    returning m.id, m.kind, m.wa_media_id, m.declared_mime, m.sha256, m.channel_id, m.conversation_id, m.message_id, m.attempts`);
  return rowsOf<Row>(result).map((r) => ({
    id: r.id,
    kind: r.kind,
    waMediaId: r.wa_media_id,
    declaredMime: r.declared_mime,
    sha256: r.sha256,
    channelId: r.channel_id,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    attempts: Number(r.attempts),
  }));
}

const event = (job: ClaimedMedia, status: "pending" | "stored" | "failed"): RealtimeEvent => ({
  type: "media.updated",
  conversationId: job.conversationId,
  messageId: job.messageId,
  mediaId: job.id,
  status,
});

/** The file is stored. Returns the event to publish (none if the row was no longer pending). */
export async function recordStored(db: DbOrTx, job: ClaimedMedia, stored: Stored): Promise<RealtimeEvent[]> {
  const result = await db.execute(sql`
    update media set status = 'stored', sniffed_mime = ${stored.sniffedMime}, size = ${stored.size}, storage_key = ${stored.storageKey},
      thumbnail_key = ${stored.thumbnailKey}, stored_at = now(), failure_code = null, failure_detail = null, locked_until = null
    where id = ${job.id}::uuid and status::text = 'pending'
    returning id`);
  return rowsOf(result).length ? [event(job, "stored")] : [];
}

/** The file cannot be had (the reason is shown to agents, who may ask for a retry). */
export async function recordFailed(db: DbOrTx, job: ClaimedMedia, code: MediaFailureCode, detail: string): Promise<RealtimeEvent[]> {
  const result = await db.execute(sql`
    update media set status = 'failed', failure_code = ${code}, failure_detail = ${detail.slice(0, 1000)}, locked_until = null
    where id = ${job.id}::uuid and status::text = 'pending'
    returning id`);
  return rowsOf(result).length ? [event(job, "failed")] : [];
}

/** Another attempt after `delayMs`; the last problem is kept for whoever looks. */
export async function recordRetry(db: DbOrTx, job: ClaimedMedia, detail: string, delayMs: number): Promise<void> {
  await db.execute(sql`
    update media set next_attempt_at = now() + ${delayMs} * interval '1 millisecond', failure_detail = ${detail.slice(0, 1000)}, locked_until = null
    where id = ${job.id}::uuid and status::text = 'pending'`);
}

/** A fetcher stopping mid-download gives the row back untouched (the attempt does not count). */
export async function releaseMedia(db: DbOrTx, job: ClaimedMedia): Promise<void> {
  await db.execute(sql`
    update media set attempts = greatest(attempts - 1, 0), locked_until = null, next_attempt_at = now()
    where id = ${job.id}::uuid and status::text = 'pending'`);
}

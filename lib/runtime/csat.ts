import "server-only";
import { CSAT_COMMENT_MS, isLive, parseOptionId, type PendingSurvey, readPendingSurvey, SCALE_MAX } from "@/lib/csat/survey";
import type { DbOrTx } from "@/lib/db/types";
import type { InboundContent } from "@/lib/whatsapp/inbound-content";
import { run, stmt } from "./sql";

/**
 * What a customer message means for a satisfaction survey (docs/analytics.md#satisfaction):
 * - `none`: nothing; the message goes where it goes today (bot, queue, new conversation);
 * - `score`: the tap on an option of the survey waiting for its score: recorded;
 * - `comment`: the free-text message right after the score, when a comment was asked for;
 * - `stale`: a tap on a survey option that can no longer count (answered already, expired,
 *   replaced by a later survey): it joins a transcript and goes nowhere else — never the bot;
 * - `expire`: a message other than text while a comment is awaited: the wait ends, and the
 *   message goes where it goes today.
 * A survey answer never reopens its conversation and never enters the bot.
 */
export type CsatDecision =
  | { kind: "none" }
  | { kind: "score"; pending: PendingSurvey; score: number }
  | { kind: "comment"; pending: PendingSurvey; text: string }
  | { kind: "stale"; conversationId: string | null }
  | { kind: "expire"; pending: PendingSurvey };

const NONE: CsatDecision = { kind: "none" };

/**
 * Cheap for the hot path: a contact with no waiting survey whose message is not a reply (the
 * row's WhatsApp type tells without reading the payload) is `none` at once.
 */
export function mayConcernSurvey(rowType: string, pendingRaw: unknown): boolean {
  return pendingRaw != null || rowType === "interactive" || rowType === "button";
}

export function decideCsat(content: InboundContent, pendingRaw: unknown, now: Date): CsatDecision {
  const tap = content.type === "reply" ? parseOptionId(content.id) : null;
  const pending = pendingRaw == null ? null : readPendingSurvey(pendingRaw);
  if (tap) {
    const ours = pending?.conversationId === tap.conversationId;
    if (ours && pending.awaiting === "score" && isLive(pending, now) && tap.score <= SCALE_MAX[pending.scale]) {
      return { kind: "score", pending, score: tap.score };
    }
    // Only a tap on the survey this contact is known to have been sent may join that
    // conversation's transcript; anything else joins the contact's open conversation, if any.
    return { kind: "stale", conversationId: ours ? tap.conversationId : null };
  }
  if (pending?.awaiting === "comment" && isLive(pending, now)) {
    if (content.type === "text" && content.text.trim()) return { kind: "comment", pending, text: content.text.trim() };
    return { kind: "expire", pending };
  }
  return NONE;
}

/** The contact's pending survey after a score: waiting for the comment a short while, or done. */
export function afterScore(pending: PendingSurvey, now: Date): PendingSurvey | null {
  if (!pending.commentPrompt) return null;
  return { ...pending, awaiting: "comment", until: new Date(now.getTime() + CSAT_COMMENT_MS).toISOString() };
}

/** One survey change of a batch: a score, a comment, or just the contact's pending survey replaced. */
export type CsatWrite = {
  conversationId: string;
  contactId: string;
  score: number | null;
  comment: string | null;
  /** The contact's pending survey from now on (null: none). */
  pending: PendingSurvey | null;
};

/**
 * Writes a batch's survey changes in one statement, after the batch's main one (only batches
 * that have any pay for it). The first score and the first comment win (`coalesce`), and the
 * contact's pending survey is replaced only while it still names this conversation, so a
 * survey sent meanwhile by another resolve is never overwritten.
 */
export async function writeCsat(tx: DbOrTx, writes: CsatWrite[], now: Date): Promise<void> {
  const json = JSON.stringify(
    writes.map((w) => ({ conversation_id: w.conversationId, contact_id: w.contactId, score: w.score, comment: w.comment, pending: w.pending })),
  );
  await run(
    tx,
    stmt`with r as (
        select * from jsonb_to_recordset(${json}::jsonb) as r(conversation_id uuid, contact_id uuid, score int, comment text, pending jsonb)
      ),
      answered as (
        update csat_responses c set
          score = coalesce(c.score, r.score),
          answered_at = case when c.score is null and r.score is not null then ${now.toISOString()}::timestamptz else c.answered_at end,
          comment = coalesce(c.comment, r.comment),
          commented_at = case when c.comment is null and r.comment is not null then ${now.toISOString()}::timestamptz else c.commented_at end
        from r
        where c.conversation_id = r.conversation_id and (r.score is not null or r.comment is not null)
        returning 1
      ),
      contact as (
        update contacts k set csat_pending = r.pending
        from r
        where k.id = r.contact_id and k.csat_pending->>'conversationId' = r.conversation_id::text
        returning 1
      )
    select (select count(*) from answered) as answered, (select count(*) from contact) as contacts`,
  );
}

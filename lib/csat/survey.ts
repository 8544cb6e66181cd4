import { z } from "zod";
import type { OutboundMessage } from "@/lib/flow/engine-types";
import type { CsatLabels } from "./texts";

export const CSAT_SCALES = ["five", "faces"] as const;
export type CsatScale = (typeof CSAT_SCALES)[number];

/** How long a sent survey waits for its score: WhatsApp's customer-service window. */
export const CSAT_ANSWER_MS = 24 * 60 * 60 * 1000;
/** How long after the score the next free-text message counts as the comment. */
export const CSAT_COMMENT_MS = 10 * 60 * 1000;

/** Options of each scale; faces are 1 (sad), 2 (neutral), 3 (happy). */
export const SCALE_MAX: Record<CsatScale, number> = { five: 5, faces: 3 };

/**
 * A score on a common 1–5 footing, so queues with different scales can be averaged together:
 * faces 1, 2, 3 count as 1, 3, 5.
 */
export function normalizedScore(scale: CsatScale, score: number): number {
  return scale === "faces" ? score * 2 - 1 : score;
}

/** "Satisfied" as CSAT is usually reported: 4 or 5 of five, the happy face of three. */
export function isSatisfied(scale: CsatScale, score: number): boolean {
  return normalizedScore(scale, score) >= 4;
}

const ID_PREFIX = "csat:";

/** The reply id of an option: `csat:<conversation id>:<score>` (WhatsApp echoes it when tapped). */
export function optionId(conversationId: string, score: number): string {
  return `${ID_PREFIX}${conversationId}:${score}`;
}

/** A tapped survey option, or null for anything else. */
export function parseOptionId(id: string | null | undefined): { conversationId: string; score: number } | null {
  if (!id?.startsWith(ID_PREFIX)) return null;
  const match = /^csat:([0-9a-f-]{36}):([1-5])$/.exec(id);
  return match ? { conversationId: match[1]!, score: Number(match[2]) } : null;
}

/** The survey message: three reply buttons for faces, an interactive list for 1–5 (WhatsApp allows 3 buttons). */
export function surveyMessage(conversationId: string, scale: CsatScale, question: string, labels: CsatLabels): OutboundMessage {
  if (scale === "faces") {
    return { kind: "buttons", text: question, buttons: labels.faces.map((title, i) => ({ id: optionId(conversationId, i + 1), title })) };
  }
  // Best first, as customers read a rating list top-down.
  const rows = labels.five.map((title, i) => ({ id: optionId(conversationId, i + 1), title })).reverse();
  return { kind: "list", text: question, buttonLabel: labels.listButton, sections: [{ rows }] };
}

/**
 * What a contact's `csat_pending` holds while a survey waits: the surveyed conversation, what
 * is awaited until when, and the follow-up texts fixed when the survey was sent (so the runtime
 * needs no lookup to answer).
 */
export const pendingSurveySchema = z.object({
  conversationId: z.string().min(1),
  /** The surveyed conversation's queue, for the desk's live events. */
  queueId: z.string().nullable(),
  scale: z.enum(CSAT_SCALES),
  awaiting: z.enum(["score", "comment"]),
  until: z.string(),
  /** Null: no comment is asked for. */
  commentPrompt: z.string().nullable(),
  thanks: z.string(),
});
export type PendingSurvey = z.infer<typeof pendingSurveySchema>;

export function readPendingSurvey(value: unknown): PendingSurvey | null {
  if (value === null || value === undefined) return null;
  const parsed = pendingSurveySchema.safeParse(typeof value === "string" ? JSON.parse(value) : value);
  return parsed.success ? parsed.data : null;
}

export function isLive(pending: PendingSurvey, now: Date): boolean {
  return Date.parse(pending.until) > now.getTime();
}

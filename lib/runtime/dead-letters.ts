import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { channels, inbox } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { readableBody, readInboundContent } from "@/lib/whatsapp/inbound-content";
import { HTTP_JOB_TYPE } from "./process";
import { wakeHttp, wakeInbox } from "./signals";

export type DeadLetter = {
  id: number;
  channelName: string;
  phoneNumberId: string;
  contactWaId: string;
  contactName: string | null;
  waMessageId: string;
  type: string;
  /** What the message said, as the transcript would show it. */
  preview: string;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
  failedAt: Date;
};

/** Inbox rows that kept failing and were parked, newest first. */
export async function listDeadLetters(db: DbOrTx, limit = 200): Promise<DeadLetter[]> {
  const rows = await db
    .select({
      id: inbox.id,
      channelName: channels.name,
      phoneNumberId: channels.phoneNumberId,
      contactWaId: inbox.contactWaId,
      contactName: inbox.contactName,
      waMessageId: inbox.waMessageId,
      type: inbox.type,
      payload: inbox.payload,
      attempts: inbox.attempts,
      lastError: inbox.lastError,
      receivedAt: inbox.receivedAt,
      nextAttemptAt: inbox.nextAttemptAt,
    })
    .from(inbox)
    .innerJoin(channels, eq(channels.id, inbox.channelId))
    .where(eq(inbox.status, "dead"))
    .orderBy(desc(inbox.id))
    .limit(limit);
  return rows.map(({ payload, nextAttemptAt, ...row }) => ({
    ...row,
    preview: row.type === HTTP_JOB_TYPE ? "HTTP" : readableBody(readInboundContent(payload as Record<string, unknown>)),
    // The row was parked by its last failed attempt, which also set its (unused) next attempt.
    failedAt: nextAttemptAt,
  }));
}

/**
 * Puts a parked row back in line with a fresh set of attempts. It is processed as its
 * contact's next message — after the messages that overtook it while it was parked, which
 * is the point of parking: the contact was not blocked meanwhile.
 */
export async function retryDeadLetter(db: DbOrTx, id: number): Promise<void> {
  const updated = await db
    .update(inbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, lastError: null })
    .where(and(eq(inbox.id, id), eq(inbox.status, "dead")))
    .returning({ id: inbox.id, type: inbox.type });
  if (updated.length === 0) throw new AppError("not_found", "No dead letter with this id");
  if (updated[0]!.type === HTTP_JOB_TYPE) wakeHttp();
  else wakeInbox();
}

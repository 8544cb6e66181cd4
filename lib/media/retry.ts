import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { media } from "@/lib/db/schema";
import type { DeskScope } from "@/lib/desk/access";
import { AppError } from "@/lib/errors/app-error";
import { publishEvent } from "@/lib/realtime/events";
import { wakeMedia } from "@/lib/runtime/signals";
import { readableMedia } from "./access";
import type { MediaView } from "./types";
import { toMediaView } from "./view";

/**
 * An agent asks for a failed download again: the row goes back to pending with a fresh
 * count of attempts, and the fetcher is woken. Whoever may read the file may ask (it
 * changes nothing of the conversation). Only failed rows: 409 otherwise.
 */
export async function retryMedia(db: Db, scope: DeskScope, id: string): Promise<MediaView> {
  const row = await readableMedia(db, scope, id);
  if (row.status !== "failed") throw new AppError("conflict", "Only a failed download can be retried", { details: { reason: "not_failed" } });
  const updated = await db.transaction(async (tx) => {
    const [next] = await tx
      .update(media)
      .set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), lockedUntil: null, failureCode: null, failureDetail: null, deletedAt: null })
      .where(and(eq(media.id, row.id), eq(media.status, "failed")))
      .returning();
    if (!next) throw new AppError("conflict", "Only a failed download can be retried", { details: { reason: "not_failed" } });
    await publishEvent(tx, { type: "media.updated", conversationId: next.conversationId, messageId: next.messageId, mediaId: next.id, status: "pending" });
    return next;
  });
  wakeMedia();
  return toMediaView(updated);
}

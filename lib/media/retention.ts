import "server-only";
import { sql } from "drizzle-orm";
import { env } from "@/lib/config/env";
import type { Db } from "@/lib/db/types";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { publishCommitted } from "@/lib/realtime/publisher";
import { rowsOf } from "@/lib/runtime/db";
import { getMediaStorage } from "./storage";

type Due = { id: string; storage_key: string | null; thumbnail_key: string | null; conversation_id: string; message_id: string };

/** Message shown where a removed file was (English; the desk shows its own text for the code). */
export function removedText(days: number): string {
  return `The file was removed after ${days} days (MEDIA_RETENTION_DAYS)`;
}

/**
 * MEDIA_RETENTION_DAYS: files stored longer than that are deleted from storage; the row stays
 * as the transcript's stub, failed with code `expired` and a reason saying so. Media library
 * files that flows sent are the business's own, shared by many rows: retention leaves them. One round
 * removes up to `limit` files and says how many.
 */
export async function removeExpiredFiles(db: Db, limit = 200): Promise<number> {
  const days = env.MEDIA_RETENTION_DAYS;
  if (!days) return 0;
  const due = rowsOf<Due>(
    await db.execute(sql`select id, storage_key, thumbnail_key, conversation_id, message_id from media
      where status = 'stored' and deleted_at is null and library_id is null and stored_at < now() - ${days} * interval '1 day'
      order by stored_at limit ${limit}`),
  );
  const storage = getMediaStorage();
  const events: RealtimeEvent[] = [];
  for (const row of due) {
    for (const key of [row.storage_key, row.thumbnail_key]) if (key) await storage.delete(key);
    const updated = await db.execute(sql`update media set status = 'failed', failure_code = 'expired', failure_detail = ${removedText(days)},
        deleted_at = now() where id = ${row.id}::uuid and status::text = 'stored' returning id`);
    if (rowsOf(updated).length) events.push({ type: "media.updated", conversationId: row.conversation_id, messageId: row.message_id, mediaId: row.id, status: "failed" });
  }
  publishCommitted(db, events);
  return due.length;
}

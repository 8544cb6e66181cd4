import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import type { OutboundMedia } from "@/lib/flow/engine-types";

/**
 * A conversation's media row for a library file it is sent (docs/media.md → Media library):
 * stored already, sharing the library's file, which the transcript shows and the sender uploads
 * (once per channel). The runtime writes the same row in its batch statement (process.ts).
 */
export async function insertLibraryCopy(
  tx: DbOrTx,
  row: { id: string; channelId: string; conversationId: string; messageId: string; file: OutboundMedia & { libraryId: string } },
): Promise<void> {
  const { file } = row;
  await tx.execute(sql`insert into media (id, channel_id, conversation_id, message_id, wa_media_id, kind, filename, caption, voice,
      library_id, status, sniffed_mime, size, storage_key, thumbnail_key, stored_at)
    select ${row.id}::uuid, ${row.channelId}::uuid, ${row.conversationId}::uuid, ${row.messageId}::uuid, ${`library:${row.id}`}, ${file.kind},
      ${file.filename ?? null}, ${file.caption ?? null}, false, l.id, 'stored', l.mime, l.size, l.storage_key, l.thumbnail_key, now()
    from media_library l where l.id = ${file.libraryId}::uuid`);
}

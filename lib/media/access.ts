import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { conversations, media } from "@/lib/db/schema";
import { readableCondition, type DeskScope } from "@/lib/desk/access";
import { AppError } from "@/lib/errors/app-error";
import type { MediaRow } from "./view";

export const MEDIA_NOT_FOUND = "File not found";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A media row the user may read: the desk's read rule for the conversation it belongs to
 * (lib/desk/access.ts). Anything else — another queue's file, a malformed or unknown id — is
 * the same 404, never a hint that it exists.
 */
export async function readableMedia(db: DbOrTx, scope: DeskScope, id: string): Promise<MediaRow> {
  if (!UUID.test(id)) throw new AppError("not_found", MEDIA_NOT_FOUND);
  const [row] = await db
    .select({ file: media })
    .from(media)
    .innerJoin(conversations, eq(conversations.id, media.conversationId))
    .where(and(eq(media.id, id), readableCondition(scope)));
  if (!row) throw new AppError("not_found", MEDIA_NOT_FOUND);
  return row.file;
}

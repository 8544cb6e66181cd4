import "server-only";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations } from "@/lib/db/schema";
import { publishEvent } from "@/lib/realtime/events";
import { readableConversation, type DeskScope } from "./access";

/** The holder has seen the conversation: its unread counter goes back to zero. */
export async function markRead(db: Db, scope: DeskScope, conversationId: string): Promise<void> {
  const conversation = await readableConversation(db, scope, conversationId);
  // A supervisor looking in must not clear the holder's counter.
  if (conversation.assigneeId !== scope.userId || conversation.unreadCount === 0) return;
  const updated = await db
    .update(conversations)
    .set({ unreadCount: 0 })
    .where(and(eq(conversations.id, conversationId), gt(conversations.unreadCount, 0)))
    .returning({ id: conversations.id });
  if (updated.length) await publishEvent(db, { type: "conversation.updated", conversationId, queueId: conversation.queueId });
}

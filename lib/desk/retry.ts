import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { contacts, messages, outbox } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { publishEvent } from "@/lib/realtime/events";
import { wakeOutbox } from "@/lib/runtime/signals";
import { lockWorkableConversation, requireHolding, type DeskScope } from "./access";
import { assertWindowAllows } from "./reply";

/** Sends a failed message again: its outbox row goes back to pending for the sender. */
export async function retryMessage(db: Db, scope: DeskScope, conversationId: string, messageId: string) {
  const result = await db.transaction(async (tx) => {
    const conversation = await lockWorkableConversation(tx, scope, conversationId);
    const [message] = await tx.select().from(messages).where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)));
    if (!message) throw new AppError("not_found", "Message not found");
    requireHolding(scope, conversation, "retry a message");
    if (message.direction !== "outbound" || message.deliveryStatus !== "failed") {
      throw new AppError("conflict", "Only failed messages can be sent again", { details: { reason: "not_failed" } });
    }
    const [contact] = await tx.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    assertWindowAllows(message.type, contact!.lastInboundAt);
    const now = new Date();
    const reset = await tx
      .update(outbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null, lastError: null, waMessageId: null, sentAt: null })
      .where(eq(outbox.messageId, messageId))
      .returning({ id: outbox.id });
    if (!reset.length) throw new AppError("conflict", "There is nothing to resend for this message", { details: { reason: "no_outbox" } });
    await tx.update(messages).set({ deliveryStatus: "pending", error: null, waMessageId: null }).where(eq(messages.id, messageId));
    await publishEvent(tx, { type: "message.status", conversationId, messageId, status: "pending" });
    return { id: messageId, deliveryStatus: "pending" as const };
  });
  wakeOutbox();
  return result;
}

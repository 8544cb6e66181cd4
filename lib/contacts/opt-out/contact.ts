import "server-only";
import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/guard";
import { contacts } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { readableConversation, type DeskScope } from "@/lib/desk/access";
import { AppError } from "@/lib/errors/app-error";
import { publishEvent } from "@/lib/realtime/events";
import { optIn, optOut, optOutStatus, type OptOutStatus } from "./store";

/**
 * A person changes a contact's marketing consent (an admin anywhere, by session or token; an
 * agent through a conversation they may read). No message is sent: the customer asked a person.
 */
export async function setContactOptOut(db: Db, actor: Pick<Actor, "userId" | "via">, contactId: string, optedOut: boolean, details: Record<string, unknown> = {}): Promise<OptOutStatus> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId)).for("update");
    if (!row) throw new AppError("not_found", "Contact not found");
    const change = { contactId, source: actor.via === "token" ? ("api" as const) : ("agent" as const), actorId: actor.userId, details };
    if (optedOut) await optOut(tx, change);
    else await optIn(tx, change);
    return optOutStatus(tx, contactId);
  });
}

/** The desk's version: the contact of a conversation the agent may read (else 404). */
export async function setConversationContactOptOut(db: Db, scope: DeskScope, actor: Pick<Actor, "userId" | "via">, conversationId: string, optedOut: boolean): Promise<OptOutStatus> {
  const conversation = await readableConversation(db, scope, conversationId);
  const status = await setContactOptOut(db, actor, conversation.contactId, optedOut, { conversationId });
  await publishEvent(db, { type: "conversation.updated", conversationId, queueId: conversation.queueId });
  return status;
}

export async function conversationContactOptOut(db: Db, scope: DeskScope, conversationId: string): Promise<OptOutStatus> {
  const conversation = await readableConversation(db, scope, conversationId);
  return optOutStatus(db, conversation.contactId);
}

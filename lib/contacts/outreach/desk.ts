import "server-only";
import { and, eq } from "drizzle-orm";
import { readableContactCondition } from "@/lib/contacts/access";
import { sendableTemplate } from "@/lib/contacts/template-store/queries";
import { channels, contacts, queues } from "@/lib/db/schema";
import type { Db, DbOrTx } from "@/lib/db/types";
import { type DeskScope, mayRead, readFacts } from "@/lib/desk/access";
import { AppError } from "@/lib/errors/app-error";
import { wakeOutbox } from "@/lib/runtime/signals";
import { waIdOf } from "./phone";
import type { DeskStartInput } from "./schemas";
import { startConversation, type Started } from "./start";

/** The default channel (or the one named): new numbers are written from it. */
export async function outreachChannel(db: DbOrTx, channelId?: string): Promise<{ id: string }> {
  const [row] = channelId
    ? await db.select({ id: channels.id }).from(channels).where(eq(channels.id, channelId))
    : await db.select({ id: channels.id }).from(channels).where(eq(channels.isDefault, true));
  if (!row) throw new AppError("unprocessable", channelId ? "Unknown channel" : "There is no default channel", { details: { issues: [{ path: "channelId", message: "Unknown channel" }] } });
  return row;
}

/**
 * An agent (or admin) writes first from the desk: a new conversation held by them in one of
 * their queues, with an approved template. A contact with an open conversation: 409 naming it
 * (`details.conversationId`), and the desk opens that one instead — one attendance at a time.
 */
export async function startFromDesk(db: Db, scope: DeskScope, input: DeskStartInput): Promise<Started> {
  if (!scope.userId) throw new AppError("forbidden", "Only a person can start a conversation from the desk");
  const started = await db.transaction(async (tx) => {
    const [queue] = await tx.select({ id: queues.id }).from(queues).where(eq(queues.id, input.queueId));
    if (!queue || (!scope.admin && !scope.queueIds.includes(queue.id))) {
      throw new AppError("unprocessable", "Choose one of your queues", { details: { issues: [{ path: "queueId", message: "Not one of your queues" }] } });
    }
    let target: { channelId: string; waId: string };
    if (input.contactId) {
      // Only a contact the user may read (the contact page's rule): any other answers as unknown.
      const [contact] = await tx
        .select({ channelId: contacts.channelId, waId: contacts.waId })
        .from(contacts)
        .where(and(eq(contacts.id, input.contactId), readableContactCondition(scope)));
      if (!contact) throw new AppError("unprocessable", "Unknown contact", { details: { issues: [{ path: "contactId", message: "Unknown contact" }] } });
      target = contact;
    } else {
      target = { channelId: (await outreachChannel(tx, input.channelId)).id, waId: waIdOf(input.phone!) };
    }
    const content = await sendableTemplate(tx, target.channelId, input.templateId, input.params);
    try {
      return await startConversation(tx, {
        ...target,
        content,
        route: { kind: "agent", agentId: scope.userId!, queueId: queue.id },
        origin: "agent",
        agentId: scope.userId,
        whenOpen: "refuse",
      });
    } catch (error) {
      throw await withoutUnreadable(tx, scope, error);
    }
  });
  wakeOutbox();
  return started;
}


/**
 * The 409 for an open conversation names it so the desk can open it — only to a user who may
 * read it. Anyone else learns that the customer is being attended, not which conversation.
 */
async function withoutUnreadable(tx: DbOrTx, scope: DeskScope, error: unknown): Promise<unknown> {
  const details = error instanceof AppError ? (error.details as { reason?: string; conversationId?: string } | undefined) : undefined;
  if (details?.reason !== "conversation_open" || !details.conversationId) return error;
  const facts = await readFacts(tx, details.conversationId);
  if (facts && mayRead(scope, facts)) return error;
  return new AppError("conflict", "The contact already has an open conversation, attended by someone else", { details: { reason: "conversation_open" } });
}

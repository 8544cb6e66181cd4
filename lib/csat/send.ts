import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { contacts, csatResponses, queues, workspace } from "@/lib/db/schema";
import { serviceWindow } from "@/lib/desk/window";
import { enqueueOutbound } from "@/lib/runtime/enqueue";
import { CSAT_ANSWER_MS, type PendingSurvey, surveyMessage } from "./survey";
import { resolveCsatTexts } from "./texts";

type Resolved = { id: string; channelId: string; contactId: string; queueId: string | null };
type Contact = { id: string; waId: string; lastInboundAt: Date | null };

/**
 * Asks the customer to rate the attendance an agent just resolved, in the resolving
 * transaction: when the conversation's queue asks for it and the 24-hour window is open (a
 * survey is a free-form message). Writes the survey message (transcript + outbox), the
 * response row (against the conversation, the agent and the queue) and the contact's pending
 * survey, which the runtime reads with the contact when the answer comes.
 * Returns whether a survey was sent (the caller wakes the sender after the commit).
 */
export async function sendSurveyOnResolve(tx: DbOrTx, conversation: Resolved, contact: Contact, agentId: string | null, now: Date): Promise<boolean> {
  if (!conversation.queueId) return false;
  const [queue] = await tx
    .select({ enabled: queues.csatEnabled, scale: queues.csatScale, comment: queues.csatComment, texts: queues.csatTexts })
    .from(queues)
    .where(eq(queues.id, conversation.queueId));
  if (!queue?.enabled) return false;
  if (!serviceWindow(contact.lastInboundAt, now).open) return false;
  const [ws] = await tx.select({ locale: workspace.defaultLocale }).from(workspace);
  const texts = resolveCsatTexts(ws?.locale, queue.texts);
  const scale = queue.scale === "five" ? "five" : "faces";
  await enqueueOutbound(tx, {
    channelId: conversation.channelId,
    conversationId: conversation.id,
    contactWaId: contact.waId,
    author: "system",
    content: surveyMessage(conversation.id, scale, texts.question, texts.labels),
  });
  await tx
    .insert(csatResponses)
    .values({ conversationId: conversation.id, channelId: conversation.channelId, contactId: contact.id, queueId: conversation.queueId, agentId, scale, sentAt: now })
    // A conversation reopened and resolved again is asked again: the latest resolve counts.
    .onConflictDoUpdate({
      target: csatResponses.conversationId,
      set: { queueId: conversation.queueId, agentId, scale, sentAt: now, score: null, answeredAt: null, comment: null, commentedAt: null },
    });
  const pending: PendingSurvey = {
    conversationId: conversation.id,
    queueId: conversation.queueId,
    scale,
    awaiting: "score",
    until: new Date(now.getTime() + CSAT_ANSWER_MS).toISOString(),
    commentPrompt: queue.comment ? texts.commentPrompt : null,
    thanks: texts.thanks,
  };
  await tx.update(contacts).set({ csatPending: pending }).where(eq(contacts.id, contact.id));
  return true;
}

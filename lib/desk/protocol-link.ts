import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { conversations } from "@/lib/db/schema";
import { PROTOCOL_PATTERN } from "./protocol";

/**
 * When a customer's message quotes one of their earlier protocols, links that conversation
 * to the current one so the agent sees its transcript. Only the same contact's protocols
 * count: quoting somebody else's number must not expose their conversation.
 */
export async function linkQuotedProtocol(
  tx: DbOrTx,
  conversation: { id: string; contactId: string },
  text: string | null | undefined,
): Promise<string | null> {
  const protocol = text?.match(PROTOCOL_PATTERN)?.[1];
  if (!protocol) return null;
  const [earlier] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.protocol, protocol), eq(conversations.contactId, conversation.contactId), ne(conversations.id, conversation.id)));
  if (!earlier) return null;
  await tx.update(conversations).set({ linkedConversationId: earlier.id }).where(eq(conversations.id, conversation.id));
  return earlier.id;
}

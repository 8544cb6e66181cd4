import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { assertMayReceiveMarketing } from "@/lib/contacts/opt-out/store";
import type { TemplateContent } from "@/lib/contacts/templates/content";
import { contacts, conversations } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { type RealtimeEvent, publishEvent } from "@/lib/realtime/events";
import { enqueueOutbound } from "@/lib/runtime/enqueue";
import { CONTACT_LOCK_NAMESPACE } from "@/lib/runtime/locks";
import { allocateProtocols } from "@/lib/runtime/protocols";
import { getRuntimeWorkspace } from "@/lib/runtime/workspace-cache";

/**
 * Where the customer's reply goes (docs/outreach.md, "Writing first"):
 * - `agent`: a conversation held by that agent in `queueId` (the desk's "New conversation");
 * - `queue`: waiting in `queueId` — the reply reaches the desk;
 * - `flow`: in the bot, pinned to `flowVersionId`, not started: the reply starts it;
 * - `none`: the notification is recorded in a conversation closed at once; a reply opens a
 *   new conversation with the channel's flow, like any customer message.
 */
export type ReplyRoute =
  | { kind: "agent"; agentId: string; queueId: string }
  | { kind: "queue"; queueId: string }
  | { kind: "flow"; flowVersionId: string }
  | { kind: "none" };

export type Origin = "agent" | "api" | "flow" | "campaign";

export type StartInput = {
  channelId: string;
  waId: string;
  /** The profile name for a contact created here (the customer's WhatsApp name replaces it when they write). */
  name?: string | null;
  content: TemplateContent;
  route: ReplyRoute;
  origin: Origin;
  /** The agent who wrote, when one did (the transcript's author). */
  agentId?: string | null;
  /**
   * What to do when the contact has a conversation open: `refuse` (409 with it, the desk opens
   * it instead) or `join` (the template joins it, its routing unchanged: notifications).
   */
  whenOpen: "refuse" | "join";
};

export type Started = { conversationId: string; protocol: string; messageId: string; contactId: string; joined: boolean; events: RealtimeEvent[] };

/** The contact of a channel with this WhatsApp id, created when new. */
export async function ensureContact(tx: DbOrTx, channelId: string, waId: string, name?: string | null): Promise<{ id: string }> {
  const [created] = await tx.insert(contacts).values({ channelId, waId, name: name ?? null }).onConflictDoNothing().returning({ id: contacts.id });
  if (created) return created;
  const [existing] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.channelId, channelId), eq(contacts.waId, waId)));
  return existing!;
}

/**
 * The business writes first with an approved template, in the caller's transaction: the
 * contact (created if new), a new conversation with its protocol routed as `route` — or the
 * open one, see `whenOpen` — the template in the transcript and the outbox. Marketing
 * templates never reach a contact who opted out (409). Call `wakeOutbox()` after commit.
 *
 * Takes the contact's runtime lock (lib/runtime/locks.ts) first, waiting for it: the runtime
 * may be opening a conversation for a message of this very contact.
 */
export async function startConversation(tx: DbOrTx, input: StartInput, now = new Date()): Promise<Started> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CONTACT_LOCK_NAMESPACE}::int, hashtext(${input.channelId}::text || '/' || ${input.waId}))`);
  const contact = await ensureContact(tx, input.channelId, input.waId, input.name);
  if (input.content.category === "MARKETING") await assertMayReceiveMarketing(tx, contact.id);

  const [open] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.contactId, contact.id), ne(conversations.status, "closed")))
    .for("update");
  const events: RealtimeEvent[] = [];
  let conversationId: string;
  let protocol: string;
  let queueId: string | null;
  if (open) {
    if (input.whenOpen === "refuse") {
      throw new AppError("conflict", `The contact already has an open conversation (${open.protocol})`, {
        details: { reason: "conversation_open", conversationId: open.id, protocol: open.protocol, status: open.status },
      });
    }
    conversationId = open.id;
    protocol = open.protocol;
    queueId = open.queueId;
    await tx.update(conversations).set({ lastActivityAt: now }).where(eq(conversations.id, open.id));
  } else {
    const ws = await getRuntimeWorkspace(tx);
    [protocol] = (await allocateProtocols(tx, ws.timeZone, now, 1)) as [string];
    const route = input.route;
    queueId = route.kind === "agent" || route.kind === "queue" ? route.queueId : null;
    const [row] = await tx
      .insert(conversations)
      .values({
        protocol,
        channelId: input.channelId,
        contactId: contact.id,
        origin: input.origin,
        openedAt: now,
        lastActivityAt: now,
        ...(route.kind === "agent"
          ? { status: "assigned" as const, queueId, assigneeId: route.agentId, queuedAt: now, assignedAt: now, firstResponseAt: now }
          : route.kind === "queue"
            ? { status: "queued" as const, queueId, queuedAt: now }
            : route.kind === "flow"
              ? { status: "bot" as const, flowVersionId: route.flowVersionId }
              : { status: "closed" as const, closedAt: now, closedReason: "notification" }),
      })
      .returning({ id: conversations.id });
    conversationId = row!.id;
    if (route.kind === "agent") events.push({ type: "conversation.assigned", conversationId, queueId, assigneeId: route.agentId });
    else if (route.kind === "queue") events.push({ type: "conversation.queued", conversationId, queueId });
  }
  const { messageId } = await enqueueOutbound(tx, {
    channelId: input.channelId,
    conversationId,
    contactWaId: input.waId,
    author: input.agentId ? "agent" : "system",
    agentId: input.agentId ?? null,
    content: input.content,
  });
  events.push({ type: "message.created", conversationId, messageId, queueId, direction: "outbound" });
  for (const event of events) await publishEvent(tx, event);
  return { conversationId, protocol, messageId, contactId: contact.id, joined: !!open, events };
}

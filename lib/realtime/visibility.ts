import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { queueMembers } from "@/lib/db/schema";
import { mayRead, readFacts, type ReadFacts } from "@/lib/desk/access";
import type { Role } from "@/lib/auth/roles";
import type { RealtimeEvent } from "./events";

export type Audience = { userId: string | null; role: Role; queueIds: Set<string> };

export async function loadAudience(userId: string | null, role: Role): Promise<Audience> {
  if (role !== "agent" || !userId) return { userId, role, queueIds: new Set() };
  const db = await getDb();
  const rows = await db.select({ queueId: queueMembers.queueId }).from(queueMembers).where(eq(queueMembers.userId, userId));
  return { userId, role, queueIds: new Set(rows.map((r) => r.queueId)) };
}

// One lookup per event, shared by every subscriber of this process that needs it.
const lookups = new WeakMap<RealtimeEvent, Promise<ReadFacts | null>>();
function conversationFacts(event: RealtimeEvent & { conversationId: string }): Promise<ReadFacts | null> {
  let pending = lookups.get(event);
  if (!pending) {
    pending = getDb()
      .then((db) => readFacts(db, event.conversationId))
      .catch(() => null);
    lookups.set(event, pending);
  }
  return pending;
}

/**
 * Whether a user may receive an event: admins everything; agents what concerns conversations
 * they may read (the desk's one read rule, lib/desk/access.ts); everybody signed in the
 * simulator's own events. `notify` names users told that a conversation left them.
 */
export async function mayReceive(audience: Audience, event: RealtimeEvent): Promise<boolean> {
  if (event.type === "sandbox.message") return true;
  // For the servers' channel caches (lib/channels/background.ts), not for browsers.
  if (event.type === "channels.changed") return false;
  if (audience.role === "admin") return true;
  // Campaigns are an admin's business.
  if (event.type === "campaign.progress") return false;
  if (audience.role !== "agent") return false;
  // Agents' template pickers follow approvals and pauses; the event carries no content.
  if (event.type === "templates.changed") return true;
  if (event.type === "presence.changed") return event.userId === audience.userId;
  if (event.type === "queue.updated") return audience.queueIds.has(event.queueId);
  const me = audience.userId;
  if ("queueId" in event && event.queueId && audience.queueIds.has(event.queueId)) return true;
  if (me && event.type === "conversation.assigned" && event.assigneeId === me) return true;
  if (me && "notify" in event && event.notify?.includes(me)) return true;
  const facts = await conversationFacts(event);
  if (!facts) return false;
  return mayRead({ admin: false, userId: me, queueIds: [...audience.queueIds] }, facts);
}

import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { conversations, queueMembers } from "@/lib/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { RealtimeEvent } from "./events";

export type Audience = { userId: string | null; role: Role; queueIds: Set<string> };

export async function loadAudience(userId: string | null, role: Role): Promise<Audience> {
  if (role !== "agent" || !userId) return { userId, role, queueIds: new Set() };
  const db = await getDb();
  const rows = await db.select({ queueId: queueMembers.queueId }).from(queueMembers).where(eq(queueMembers.userId, userId));
  return { userId, role, queueIds: new Set(rows.map((r) => r.queueId)) };
}

type ConversationScope = { queueId: string | null; assigneeId: string | null } | null;

// One lookup per event, shared by every subscriber of this process that needs it.
const lookups = new WeakMap<RealtimeEvent, Promise<ConversationScope>>();
function conversationScope(event: RealtimeEvent & { conversationId: string }): Promise<ConversationScope> {
  let pending = lookups.get(event);
  if (!pending) {
    pending = (async () => {
      const db = await getDb();
      const [row] = await db
        .select({ queueId: conversations.queueId, assigneeId: conversations.assigneeId })
        .from(conversations)
        .where(eq(conversations.id, event.conversationId));
      return row ?? null;
    })().catch(() => null);
    lookups.set(event, pending);
  }
  return pending;
}

/**
 * Whether a user may receive an event: admins everything; agents what concerns their queues or
 * the conversations they hold; everybody signed in the simulator's own events.
 */
export async function mayReceive(audience: Audience, event: RealtimeEvent): Promise<boolean> {
  if (event.type === "sandbox.message") return true;
  // For the servers' channel caches (lib/channels/background.ts), not for browsers.
  if (event.type === "channels.changed") return false;
  if (audience.role === "admin") return true;
  if (audience.role !== "agent") return false;
  if (event.type === "presence.changed") return event.userId === audience.userId;
  if (event.type === "queue.updated") return audience.queueIds.has(event.queueId);
  const me = audience.userId;
  if ("queueId" in event && event.queueId && audience.queueIds.has(event.queueId)) return true;
  if (me && event.type === "conversation.assigned" && event.assigneeId === me) return true;
  if (me && "notify" in event && event.notify?.includes(me)) return true;
  const scope = await conversationScope(event);
  if (!scope) return false;
  return (!!me && scope.assigneeId === me) || (!!scope.queueId && audience.queueIds.has(scope.queueId));
}

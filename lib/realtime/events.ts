import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";

/** The PostgreSQL NOTIFY channel every app instance listens on. */
export const EVENTS_CHANNEL = "atendo_events";

/**
 * Live events for the desk and the simulator. Small payloads: listeners re-read what they need.
 * `notify` names users who must hear about a conversation event even when it left their
 * queues (the agent a conversation was transferred away from, for example).
 */
export type RealtimeEvent =
  | { type: "conversation.queued"; conversationId: string; queueId: string | null; notify?: string[] }
  | { type: "conversation.assigned"; conversationId: string; queueId: string | null; assigneeId: string; notify?: string[] }
  | { type: "conversation.updated"; conversationId: string; queueId: string | null; notify?: string[] }
  | { type: "conversation.closed"; conversationId: string; queueId: string | null; notify?: string[] }
  | { type: "message.created"; conversationId: string; messageId: string; queueId: string | null; direction: string }
  | { type: "message.status"; conversationId: string; messageId: string; status: string }
  /** A message's file finished downloading, failed, or was queued again (lib/media/): re-read the message. */
  | { type: "media.updated"; conversationId: string; messageId: string; mediaId: string; status: "pending" | "stored" | "failed" }
  | { type: "sandbox.message"; phoneNumberId: string; to: string }
  | { type: "presence.changed"; userId: string }
  /** Members, mode or capacities of a queue changed (the assigner re-runs, agents refresh). */
  | { type: "queue.updated"; queueId: string }
  /** A campaign's recipients or status changed (sends, statuses, replies, pause): admins re-read its progress. */
  | { type: "campaign.progress"; campaignId: string }
  /** A channel's templates changed (sync, submission, status webhook): template lists re-read. */
  | { type: "templates.changed"; channelId: string }
  /** A channel's settings, secrets or flow binding changed: every instance drops its cached channels. */
  | { type: "channels.changed" };

/**
 * Publishes an event with pg_notify. Inside a transaction, PostgreSQL delivers it only on
 * commit, so listeners never see an event for data that was rolled back.
 */
export async function publishEvent(db: DbOrTx, event: RealtimeEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}

import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { EVENTS_CHANNEL } from "@/lib/realtime/events";
import { rowsOf } from "./db";
import { loadVersions } from "./flow-versions";

export const SWEEP_INTERVAL_MS = Number(process.env.RUNTIME_SWEEP_MS ?? 30_000);

/**
 * Closes bot conversations idle for longer than their flow version's sessionTimeoutMinutes
 * (the customer's next message then opens a new one). Conversations with a person in charge
 * are never timed out here. Safe with several instances: the update re-checks the idle time
 * under the row lock, so a conversation that just got a message is left alone.
 */
export async function closeIdleConversations(db: Db): Promise<number> {
  const candidates = rowsOf<{ version_id: string | null }>(
    await db.execute(sql`select distinct flow_version_id as version_id from conversations
      where status = 'bot' and last_activity_at < now() - interval '1 minute'`),
  );
  if (candidates.length === 0) return 0;
  const versions = await loadVersions(db, candidates.map((c) => c.version_id).filter((v): v is string => !!v));
  let closed = 0;
  for (const { version_id } of candidates) {
    const minutes = (version_id ? versions.get(version_id)?.document?.settings?.sessionTimeoutMinutes : undefined) ?? 30;
    const result = rowsOf<{ n: number }>(
      await db.execute(sql`with closed as (
          update conversations set status = 'closed', closed_at = now(), closed_reason = 'timeout'
          where status = 'bot' and ${version_id ? sql`flow_version_id = ${version_id}` : sql`flow_version_id is null`}
            and last_activity_at < now() - ${minutes} * interval '1 minute'
          returning id, queue_id
        )
        select count(*)::int as n from (
          select pg_notify(${EVENTS_CHANNEL}, json_build_object('type', 'conversation.closed', 'conversationId', id, 'queueId', queue_id)::text) from closed
        ) as notified`),
    );
    closed += Number(result[0]?.n ?? 0);
  }
  return closed;
}

import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { ASSIGNER_LOCK } from "./assign";
import { recordSystemMessage } from "./system-message";

/**
 * A returning customer handed back to the quoted conversation's queue goes straight to the
 * agent who served that conversation — when that agent is available by the assigner's rules:
 * online, enabled, still a member of the queue, and under capacity. Otherwise the conversation
 * simply waits in the queue like any other. Runs inside the caller's transaction.
 */
export async function assignToReturningAgent(
  tx: DbOrTx,
  input: { conversationId: string; queueId: string; agentId: string; quotedProtocol: string },
): Promise<boolean> {
  // The assigner's lock: capacity holds even against an automatic assignment running now.
  await tx.execute(sql`select pg_advisory_xact_lock(${ASSIGNER_LOCK})`);
  const result = await tx.execute<{ name: string; protocol: string }>(sql`
    update conversations c set status = 'assigned', assignee_id = u.id, assigned_at = now(), last_activity_at = now()
    from users u
    where c.id = ${input.conversationId}::uuid and c.status = 'queued' and c.assignee_id is null and c.queue_id = ${input.queueId}::uuid
      and u.id = ${input.agentId}::uuid and u.presence = 'online' and not u.disabled and u.role <> 'editor'
      and exists (select 1 from queue_members m where m.queue_id = ${input.queueId}::uuid and m.user_id = u.id)
      and (select count(*) from conversations a where a.assignee_id = u.id and a.status = 'assigned') < u.capacity
    returning u.name, c.protocol`);
  // postgres.js answers an array, PGlite an object with rows.
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: { name: string; protocol: string }[] }).rows) as { name: string; protocol: string }[];
  const row = rows[0];
  if (!row) return false;
  await recordSystemMessage(tx, input.conversationId, null, { event: "auto_assigned", to: row.name });
  await recordAudit(tx, {
    actorId: null,
    action: "conversation.return_assign",
    entityType: "conversation",
    entityId: input.conversationId,
    details: { protocol: row.protocol, quotedProtocol: input.quotedProtocol, assigneeId: input.agentId },
  });
  await publishEvent(tx, { type: "conversation.assigned", conversationId: input.conversationId, queueId: input.queueId, assigneeId: input.agentId });
  return true;
}

import "server-only";
import { sql } from "drizzle-orm";
import { businessClock } from "@/lib/analytics/business-time";
import type { DayRange } from "@/lib/analytics/range";
import { rowsOf } from "@/lib/analytics/rows";
import type { DbOrTx } from "@/lib/db/types";
import { workspaceHours } from "@/lib/desk/hours";
import { cohortWhere, ENTERED } from "./cohort";
import type { DeskFilter } from "./scope";
import type { DeskSla, SlaBreach, SlaQueue } from "./types";

/** The JSON list stops here (longest waits first); the CSV export has every breach. */
export const BREACH_LIMIT = 500;

type Row = {
  id: string;
  protocol: string;
  queue_id: string;
  queue_name: string;
  target: number;
  agent_id: string | null;
  agent_name: string | null;
  entered: string | Date;
  first_response_at: string | Date | null;
  closed_at: string | Date | null;
};

const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

/**
 * First-response SLA per queue that has a target, counted in the workspace's business hours
 * (docs/analytics.md, "SLA"): from the first queue entry to the first agent reply, only the
 * time the workspace is open. Unanswered conversations count as breached once the target has
 * passed (by now, or by their close); before that they are pending, and one closed unanswered
 * within its target is in neither (nobody owed it a reply any more).
 */
export async function deskSla(db: DbOrTx, range: DayRange, filter: DeskFilter, options: { now?: Date; allBreaches?: boolean } = {}): Promise<DeskSla> {
  const now = options.now ?? new Date();
  const [{ hours }, result] = await Promise.all([
    workspaceHours(db),
    db.execute(sql`select c.id, c.protocol, c.queue_id, q.name as queue_name, q.sla_first_response_minutes as target,
        c.assignee_id as agent_id, u.name as agent_name, ${ENTERED} as entered, c.first_response_at, c.closed_at
      from conversations c join queues q on q.id = c.queue_id left join users u on u.id = c.assignee_id
      where q.sla_first_response_minutes is not null and ${cohortWhere(range, filter)}`),
  ]);
  const rows = rowsOf<Row>(result);
  const queues = new Map<string, SlaQueue>();
  const targetQueues = rowsOf<{ id: string; name: string; target: number }>(
    await db.execute(sql`select id, name, sla_first_response_minutes as target from queues
      where sla_first_response_minutes is not null ${filter.queueId ? sql`and id = ${filter.queueId}::uuid` : sql``} order by name`),
  );
  for (const q of targetQueues) queues.set(q.id, { id: q.id, name: q.name, targetMinutes: Number(q.target), met: 0, breached: 0, pending: 0, shareMet: null });

  const breaches: SlaBreach[] = [];
  if (rows.length > 0) {
    let earliest = now.getTime();
    let latest = now.getTime();
    for (const r of rows) {
      earliest = Math.min(earliest, toDate(r.entered).getTime());
      if (r.first_response_at) latest = Math.max(latest, toDate(r.first_response_at).getTime());
    }
    const clock = businessClock(hours, new Date(earliest), new Date(latest));
    for (const r of rows) {
      const queue = queues.get(r.queue_id)!;
      const target = Number(r.target) * 60_000;
      const entered = toDate(r.entered);
      const answered = r.first_response_at ? toDate(r.first_response_at) : null;
      const waitedUntil = answered ?? (r.closed_at ? toDate(r.closed_at) : now);
      const waited = clock.openMillis(entered, waitedUntil);
      if (answered && waited <= target) queue.met += 1;
      else if (waited > target) {
        queue.breached += 1;
        breaches.push({
          conversationId: r.id,
          protocol: r.protocol,
          queueId: r.queue_id,
          queueName: r.queue_name,
          agentId: r.agent_id,
          agentName: r.agent_name,
          enteredAt: entered.toISOString(),
          firstResponseAt: answered?.toISOString() ?? null,
          waitedBusinessSeconds: Math.round(waited / 1000),
          targetSeconds: target / 1000,
        });
      } else if (!r.closed_at) queue.pending += 1;
    }
  }
  for (const q of queues.values()) q.shareMet = q.met + q.breached > 0 ? q.met / (q.met + q.breached) : null;
  breaches.sort((a, b) => b.waitedBusinessSeconds - a.waitedBusinessSeconds || a.protocol.localeCompare(b.protocol));
  const limit = options.allBreaches ? breaches.length : BREACH_LIMIT;
  return {
    range: { from: range.fromDay, to: range.toDay, timeZone: range.timeZone, days: range.days },
    filter,
    generatedAt: now.toISOString(),
    queues: [...queues.values()],
    breaches: breaches.slice(0, limit),
    breachesTruncated: breaches.length > limit,
  };
}

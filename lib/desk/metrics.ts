import "server-only";
import { TZDate } from "@date-fns/tz";
import { startOfDay } from "date-fns";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { workspaceHours } from "./hours";

export type QueueMetrics = {
  id: string;
  name: string;
  waiting: number;
  longestWaitSeconds: number | null;
  inProgress: number;
  firstResponseSeconds: number | null;
  handlingSeconds: number | null;
  resolvedToday: number;
  resolvedWeek: number;
};
export type AgentMetrics = Omit<QueueMetrics, "waiting" | "longestWaitSeconds"> & { presence: string; capacity: number };
export type DeskMetrics = { generatedAt: string; queues: QueueMetrics[]; agents: AgentMetrics[] };

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));

/**
 * Supervisor figures. First response is measured from the moment the conversation entered the
 * queue (what the customer waited), handling from assignment to resolution; averages over 7 days.
 */
export async function deskMetrics(db: DbOrTx, now = new Date()): Promise<DeskMetrics> {
  const { timeZone } = await workspaceHours(db);
  const today = new Date(startOfDay(new TZDate(now, timeZone)).getTime()).toISOString();
  const week = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const at = now.toISOString();
  const aggregates = sql`
    count(*) filter (where c.status = 'assigned')::int as in_progress,
    avg(extract(epoch from c.first_response_at - coalesce(c.queued_at, c.opened_at))) filter (where c.first_response_at >= ${week}::timestamptz) as first_response,
    avg(extract(epoch from c.closed_at - c.assigned_at)) filter (where c.closed_reason = 'resolved' and c.closed_at >= ${week}::timestamptz and c.assigned_at is not null) as handling,
    count(*) filter (where c.closed_reason = 'resolved' and c.closed_at >= ${today}::timestamptz)::int as resolved_today,
    count(*) filter (where c.closed_reason = 'resolved' and c.closed_at >= ${week}::timestamptz)::int as resolved_week`;
  const queueRows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select q.id, q.name,
        count(c.id) filter (where c.status = 'queued')::int as waiting,
        extract(epoch from ${at}::timestamptz - min(c.queued_at) filter (where c.status = 'queued')) as longest_wait,
        ${aggregates}
      from queues q left join conversations c on c.queue_id = q.id
      group by q.id, q.name order by q.name`),
  );
  const agentRows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select u.id, u.name, u.presence, u.capacity, ${aggregates}
      from users u left join conversations c on c.assignee_id = u.id
      where u.role in ('agent', 'admin') and not u.disabled
      group by u.id, u.name, u.presence, u.capacity order by u.name`),
  );
  const common = (r: Record<string, unknown>) => ({
    id: String(r.id),
    name: String(r.name),
    inProgress: Number(r.in_progress),
    firstResponseSeconds: num(r.first_response),
    handlingSeconds: num(r.handling),
    resolvedToday: Number(r.resolved_today),
    resolvedWeek: Number(r.resolved_week),
  });
  return {
    generatedAt: at,
    queues: queueRows.map((r) => ({ ...common(r), waiting: Number(r.waiting), longestWaitSeconds: num(r.longest_wait) })),
    agents: agentRows.map((r) => ({ ...common(r), presence: String(r.presence), capacity: Number(r.capacity) })),
  };
}

import "server-only";
import { type SQL, sql } from "drizzle-orm";
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

const ms = (column: SQL) => sql`(extract(epoch from ${column}) * 1000)::float8`;
const floats = (values: readonly number[]) => sql`${`{${values.join(",")}}`}::float8[]`;

/**
 * Business milliseconds up to instant `t` (epoch ms): `i` is the calendar interval found by
 * width_bucket (a binary search over the sorted starts), computed once per instant.
 */
function openUpTo(cal: { s: SQL; e: SQL; b: SQL }, t: SQL, i: SQL): SQL {
  return sql`(case when ${i} = 0 then 0 else (${cal.b})[${i}] + least(${t}, (${cal.e})[${i}]) - (${cal.s})[${i}] end)`;
}

/**
 * First-response SLA per queue that has a target, counted in the workspace's business hours
 * (docs/analytics.md, "SLA"): from the first queue entry to the first agent reply, only the
 * time the workspace is open. Unanswered conversations count as breached once the target has
 * passed (by now, or by their close); before that they are pending, and one closed unanswered
 * within its target is in neither (nobody owed it a reply any more).
 */
export async function deskSla(db: DbOrTx, range: DayRange, filter: DeskFilter, options: { now?: Date; allBreaches?: boolean } = {}): Promise<DeskSla> {
  const now = options.now ?? new Date();
  const { hours } = await workspaceHours(db);
  // Answers and closes happen before now; the cohort enters after the range's start.
  const clock = businessClock(hours, range.start, new Date(Math.max(now.getTime(), range.end.getTime())));
  // The calendar goes in as array constants: subscripting a constant is cheap, one read from a
  // joined row copies the whole array each time.
  const cal = { s: floats(clock.starts), e: floats(clock.ends), b: floats(clock.before) };
  const waited =
    clock.starts.length === 0 ? sql`0::float8` : sql`${openUpTo(cal, sql`k.until_ms`, sql`k.i1`)} - ${openUpTo(cal, sql`k.entered_ms`, sql`k.i0`)}`;
  const bucket = (t: SQL) => (clock.starts.length === 0 ? sql`0` : sql`width_bucket(${t}, ${cal.s})`);
  const limit = options.allBreaches ? null : BREACH_LIMIT;
  // One pass: each conversation of the cohort is scored once (two calendar lookups in
  // PostgreSQL); the counts per queue and the longest breaches come out together.
  const [result, targetQueues] = await Promise.all([
    db.execute(sql`with w as (
        select c.id, c.queue_id, q.sla_first_response_minutes * 60000.0 as target, ${ms(ENTERED)} as entered_ms, ${ms(sql`c.first_response_at`)} as answered_ms,
          c.closed_at is not null as closed, ${ms(sql`coalesce(c.first_response_at, c.closed_at, ${now.toISOString()}::timestamptz)`)} as until_ms
        from conversations c join queues q on q.id = c.queue_id
        where q.sla_first_response_minutes is not null and ${cohortWhere(range, filter)}
      ),
      -- Materialized so that each lookup runs once per row, not once per use below.
      k as materialized (select w.*, ${bucket(sql`w.entered_ms`)} as i0, ${bucket(sql`w.until_ms`)} as i1 from w),
      scored as materialized (select k.id, k.queue_id, k.target, k.entered_ms, k.answered_ms, k.closed, ${waited} as waited from k),
      late as (select * from scored where waited > target order by waited desc, entered_ms ${limit === null ? sql`` : sql`limit ${limit}`})
      select 'count' as kind, queue_id,
          count(*) filter (where answered_ms is not null and waited <= target)::int as met,
          count(*) filter (where waited > target)::int as breached,
          count(*) filter (where answered_ms is null and not closed and waited <= target)::int as pending,
          null::uuid as id, null::float8 as waited, null::numeric as target, null::float8 as entered_ms, null::float8 as answered_ms,
          null::text as protocol, null::text as queue_name, null::uuid as agent_id, null::text as agent_name
        from scored group by queue_id
      union all
      select 'late', l.queue_id, null, null, null, l.id, l.waited, l.target, l.entered_ms, l.answered_ms, c.protocol, q.name, c.assignee_id, u.name
        from late l join conversations c on c.id = l.id join queues q on q.id = l.queue_id left join users u on u.id = c.assignee_id`),
    db.execute(sql`select id, name, sla_first_response_minutes as target from queues
      where sla_first_response_minutes is not null ${filter.queueId ? sql`and id = ${filter.queueId}::uuid` : sql``} order by name`),
  ]);
  type Out = {
    kind: "count" | "late";
    queue_id: string;
    met: number;
    breached: number;
    pending: number;
    id: string;
    waited: number;
    target: number;
    entered_ms: number;
    answered_ms: number | null;
    protocol: string;
    queue_name: string;
    agent_id: string | null;
    agent_name: string | null;
  };
  const out = rowsOf<Out>(result);
  const counts = out.filter((r) => r.kind === "count");
  const late = out
    .filter((r) => r.kind === "late")
    .sort((a, b) => Number(b.waited) - Number(a.waited) || Number(a.entered_ms) - Number(b.entered_ms) || a.protocol.localeCompare(b.protocol));
  const queues = new Map<string, SlaQueue>();
  for (const q of rowsOf<{ id: string; name: string; target: number }>(targetQueues)) {
    queues.set(q.id, { id: q.id, name: q.name, targetMinutes: Number(q.target), met: 0, breached: 0, pending: 0, shareMet: null });
  }
  for (const r of counts) {
    const queue = queues.get(r.queue_id);
    if (!queue) continue;
    queue.met = Number(r.met);
    queue.breached = Number(r.breached);
    queue.pending = Number(r.pending);
  }
  const breaches: SlaBreach[] = late.map((b) => ({
    conversationId: b.id,
    protocol: b.protocol,
    queueId: b.queue_id,
    queueName: b.queue_name,
    agentId: b.agent_id,
    agentName: b.agent_name,
    enteredAt: new Date(Math.round(Number(b.entered_ms))).toISOString(),
    firstResponseAt: b.answered_ms === null ? null : new Date(Math.round(Number(b.answered_ms))).toISOString(),
    waitedBusinessSeconds: Math.round(Number(b.waited) / 1000),
    targetSeconds: Math.round(Number(b.target) / 1000),
  }));
  const totalBreached = [...queues.values()].reduce((n, q) => n + q.breached, 0);
  for (const q of queues.values()) q.shareMet = q.met + q.breached > 0 ? q.met / (q.met + q.breached) : null;
  return {
    range: { from: range.fromDay, to: range.toDay, timeZone: range.timeZone, days: range.days },
    filter,
    generatedAt: now.toISOString(),
    queues: [...queues.values()],
    breaches,
    breachesTruncated: breaches.length < totalBreached,
  };
}

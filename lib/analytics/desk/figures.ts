import "server-only";
import { asc, eq, ne, type SQL, sql } from "drizzle-orm";
import { type DayRange, shiftDay } from "@/lib/analytics/range";
import { rowsOf, seconds } from "@/lib/analytics/rows";
import type { DbOrTx } from "@/lib/db/types";
import { queues, users } from "@/lib/db/schema";
import { cohortWhere, ENTERED, FIRST_ASSIGNED } from "./cohort";
import type { DeskFilter } from "./scope";
import type { DeskAnalytics, DeskFigures, Percentiles } from "./types";

type Row = Record<string, unknown>;

const secs = (a: SQL, b: SQL) => sql`extract(epoch from ${b} - ${a})::float8`;
/**
 * Median and 90th percentile in one sort: percentile_disc, an observed duration (the smallest
 * with at least p of the values at or below it), not an interpolation.
 */
const pct = (value: SQL, when: SQL) => sql`percentile_disc(array[0.5, 0.9]) within group (order by ${value}) filter (where ${when})`;

const WAIT = secs(ENTERED, FIRST_ASSIGNED);
const FIRST_RESPONSE = secs(ENTERED, sql`c.first_response_at`);
const HANDLING = secs(sql`c.assigned_at`, sql`c.closed_at`);
const RESOLVED = sql`c.status = 'closed' and c.closed_reason = 'resolved'`;

const AGGREGATES = sql`
  count(*)::int as conversations,
  count(*) filter (where c.first_response_at is not null)::int as answered,
  count(*) filter (where ${RESOLVED})::int as resolved,
  ${pct(WAIT, sql`${FIRST_ASSIGNED} is not null`)} as wait,
  ${pct(FIRST_RESPONSE, sql`c.first_response_at is not null`)} as first_response,
  ${pct(HANDLING, sql`${RESOLVED} and c.assigned_at is not null`)} as handling`;

/** A float8[] as the driver gives it (postgres.js and PGlite parse it; text is the fallback). */
function percentiles(value: unknown): Percentiles {
  const list = Array.isArray(value) ? value : typeof value === "string" ? value.replace(/[{}]/g, "").split(",").filter(Boolean) : [];
  return { p50: seconds(list[0] ?? null), p90: seconds(list[1] ?? null) };
}

function emptyFigures(): DeskFigures {
  return {
    conversations: 0,
    answered: 0,
    resolved: 0,
    transferred: 0,
    wait: { p50: null, p90: null },
    firstResponse: { p50: null, p90: null },
    handling: { p50: null, p90: null },
    backlog: { waiting: 0, inProgress: 0 },
  };
}

function figuresOf(r: Row | undefined): DeskFigures {
  const f = emptyFigures();
  if (!r) return f;
  f.conversations = Number(r.conversations);
  f.answered = Number(r.answered);
  f.resolved = Number(r.resolved);
  f.wait = percentiles(r.wait);
  f.firstResponse = percentiles(r.first_response);
  f.handling = percentiles(r.handling);
  return f;
}

/**
 * The desk's figures over a range (docs/analytics.md, "Desk"): totals, per queue and per
 * agent, volume by day and by hour of the week in the workspace's time zone, and the backlog
 * now. Every figure is about the conversations that entered the desk in the range, each once.
 */
export async function deskAnalytics(db: DbOrTx, range: DayRange, filter: DeskFilter, now = new Date()): Promise<DeskAnalytics> {
  const where = cohortWhere(range, filter);
  const tz = range.timeZone;
  // Totals, per queue and per agent in one scan (grouping sets).
  const [groupRows, calendarRows, transferRows, backlogRows, queueList, userList] = await Promise.all([
    db.execute(sql`select grouping(c.queue_id, c.assignee_id)::int as g, c.queue_id, c.assignee_id, ${AGGREGATES}
      from conversations c where ${where} group by grouping sets ((), (c.queue_id), (c.assignee_id))`),
    // Per local hour (at most 24 a day): days and hours of the week are added up from these.
    db.execute(sql`select to_char(h.hour, 'YYYY-MM-DD HH24') as hour, h.n from (
        select date_trunc('hour', ${ENTERED} at time zone ${tz}) as hour, count(*)::int as n from conversations c where ${where} group by 1
      ) h`),
    // Transfers count against the queue / agent the conversation left, whoever holds it now.
    // The transfer entries first (few), then their conversations by primary key.
    db.execute(sql`with t as materialized (select a.entity_id, a.details from audit_log a where a.action = 'conversation.transfer')
      select distinct t.entity_id as id, t.details->>'fromQueueId' as from_queue, t.details->>'fromAgentId' as from_agent
      from t join conversations c on c.id = t.entity_id::uuid
      where ${cohortWhere(range, { queueId: null, agentId: null })}
        ${filter.queueId ? sql`and t.details->>'fromQueueId' = ${filter.queueId}` : sql``}
        ${filter.agentId ? sql`and t.details->>'fromAgentId' = ${filter.agentId}` : sql``}`),
    db.execute(sql`select c.queue_id, c.assignee_id, c.status::text as status, count(*)::int as n from conversations c
      where c.status in ('queued', 'assigned')
        ${filter.queueId ? sql`and c.queue_id = ${filter.queueId}::uuid` : sql``}
        ${filter.agentId ? sql`and c.assignee_id = ${filter.agentId}::uuid` : sql``}
      group by 1, 2, 3`),
    db
      .select({ id: queues.id, name: queues.name, slaMinutes: queues.slaFirstResponseMinutes })
      .from(queues)
      .where(filter.queueId ? eq(queues.id, filter.queueId) : undefined)
      .orderBy(asc(queues.name)),
    db
      .select({ id: users.id, name: users.name, disabled: users.disabled })
      .from(users)
      .where(filter.agentId ? eq(users.id, filter.agentId) : ne(users.role, "editor"))
      .orderBy(asc(users.name)),
  ]);

  // grouping(): 3 = the grand total, 1 = a queue's row, 2 = an agent's row.
  const groups = rowsOf<Row>(groupRows);
  const totals = figuresOf(groups.find((r) => Number(r.g) === 3));
  const byQueue = new Map(groups.filter((r) => Number(r.g) === 1 && r.queue_id).map((r) => [String(r.queue_id), figuresOf(r)]));
  const byAgent = new Map(groups.filter((r) => Number(r.g) === 2 && r.assignee_id).map((r) => [String(r.assignee_id), figuresOf(r)]));
  const queueFigures = (id: string) => byQueue.get(id) ?? byQueue.set(id, emptyFigures()).get(id)!;
  const agentFigures = (id: string) => byAgent.get(id) ?? byAgent.set(id, emptyFigures()).get(id)!;

  const transfers = rowsOf<{ id: string; from_queue: string | null; from_agent: string | null }>(transferRows);
  totals.transferred = new Set(transfers.map((t) => t.id)).size;
  for (const [key, figures] of [
    ["from_queue", queueFigures],
    ["from_agent", agentFigures],
  ] as const) {
    const seen = new Set<string>();
    for (const t of transfers) {
      const group = t[key];
      if (!group || seen.has(`${group}/${t.id}`)) continue;
      seen.add(`${group}/${t.id}`);
      figures(group).transferred += 1;
    }
  }
  for (const b of rowsOf<{ queue_id: string | null; assignee_id: string | null; status: string; n: number }>(backlogRows)) {
    const n = Number(b.n);
    const field = b.status === "queued" ? "waiting" : "inProgress";
    totals.backlog[field] += n;
    if (b.queue_id) queueFigures(b.queue_id).backlog[field] += n;
    if (b.assignee_id) agentFigures(b.assignee_id).backlog[field] += n;
  }

  const perDay = new Map<string, number>();
  const cells = new Map<string, number>();
  for (const r of rowsOf<{ hour: string; n: number }>(calendarRows)) {
    const day = r.hour.slice(0, 10);
    // The weekday of a calendar date: UTC arithmetic on the date itself, no zone involved.
    const cell = `${new Date(`${day}T00:00:00Z`).getUTCDay()}/${Number(r.hour.slice(11, 13))}`;
    perDay.set(day, (perDay.get(day) ?? 0) + Number(r.n));
    cells.set(cell, (cells.get(cell) ?? 0) + Number(r.n));
  }
  const daily = Array.from({ length: range.days }, (_, i) => {
    const day = shiftDay(range.fromDay, i);
    return { day, conversations: perDay.get(day) ?? 0 };
  });
  const heatmap = Array.from({ length: 7 * 24 }, (_, i) => {
    const weekday = Math.floor(i / 24);
    const hour = i % 24;
    return { weekday, hour, conversations: cells.get(`${weekday}/${hour}`) ?? 0 };
  });

  // Everyone who can serve the desk, plus whoever held a conversation of the range since.
  const agents = userList
    .filter((u) => !u.disabled || byAgent.has(u.id))
    .map((u) => ({ id: u.id, name: u.name, ...agentFigures(u.id) }));
  return {
    range: { from: range.fromDay, to: range.toDay, timeZone: tz, days: range.days },
    filter,
    generatedAt: now.toISOString(),
    totals,
    daily,
    heatmap,
    queues: queueList.map((q) => ({ id: q.id, name: q.name, slaMinutes: q.slaMinutes, ...queueFigures(q.id) })),
    agents,
  };
}

import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { rowsOf } from "@/lib/runtime/db";
import { analyticsRows } from "../query";
import type { FlowDocument } from "@/lib/flow/schema";
import { type DayRange, shiftDay } from "../range";
import { nodeRefs, type NodeRef } from "./node-label";
import type { ScopedFlow } from "./scope";

/** The bot's figures over one set of conversations (docs/analytics.md, "## Bot"). */
export type BotTotals = {
  /** Conversations opened in the range. */
  started: number;
  /** Closed by the bot (end node, an "end" keyword, the flow running out) without a handoff. */
  contained: number;
  /** Left the bot for a queue: a handoff node, a handoff keyword, or a flow that failed. */
  handedOff: number;
  /** Timed out while in the bot. */
  abandoned: number;
  /** Still with the bot when asked. */
  inBot: number;
  /** contained ÷ (contained + handed off + abandoned); null when none ended. */
  containmentRate: number | null;
  /** Median seconds from opening to the bot closing a contained conversation; null when none. */
  medianSecondsToContainment: number | null;
};

export type BotVersionFigures = BotTotals & { versionId: string; flowId: string; flowName: string; number: number; active: boolean };
export type BotDay = { day: string; started: number; contained: number; handedOff: number; abandoned: number };
export type BotHandoffNode = NodeRef & { flowId: string; version: number; handoffs: number };

export type BotFigures = {
  range: { from: string; to: string; timeZone: string };
  flow: { id: string; name: string } | null;
  channel: { id: string; name: string } | null;
  totals: BotTotals;
  /** Per published version, newest first: v7 beside v6. */
  versions: BotVersionFigures[];
  /** Every day of the range (zeros included), by the day the conversations opened. */
  days: BotDay[];
  /** Where handoffs happened, most first. */
  handoffNodes: BotHandoffNode[];
};

export type BotFilter = { flow: ScopedFlow | null; channel: { id: string; name: string } | null; range: DayRange };

type CountRow = { version_id: string | null; started: number; contained: number; handed_off: number; abandoned: number; in_bot: number; median: number | null };

/**
 * The conversations the figures count: opened in the range (the workspace's days), of the
 * flow's versions and the channel when given. With a flow, the (flow_version_id, opened_at)
 * index narrows the scan to its versions.
 */
function scope(filter: BotFilter) {
  const { range, flow, channel } = filter;
  const versionIds = flow?.versions.map((v) => v.id) ?? null;
  return sql`c.opened_at >= ${range.start.toISOString()}::timestamptz and c.opened_at < ${range.end.toISOString()}::timestamptz
    ${versionIds ? sql`and c.flow_version_id = any(${`{${versionIds.join(",")}}`}::uuid[])` : sql``}
    ${channel ? sql`and c.channel_id = ${channel.id}::uuid` : sql``}`;
}

const COUNTS = sql`count(*)::int as started,
  count(*) filter (where c.bot_outcome = 'contained')::int as contained,
  count(*) filter (where c.bot_outcome = 'handoff')::int as handed_off,
  count(*) filter (where c.bot_outcome = 'abandoned')::int as abandoned,
  count(*) filter (where c.bot_outcome is null)::int as in_bot,
  percentile_cont(0.5) within group (order by extract(epoch from c.bot_outcome_at - c.opened_at))
    filter (where c.bot_outcome = 'contained') as median`;

function totalsOf(r: CountRow | undefined): BotTotals {
  const started = Number(r?.started ?? 0);
  const contained = Number(r?.contained ?? 0);
  const handedOff = Number(r?.handed_off ?? 0);
  const abandoned = Number(r?.abandoned ?? 0);
  const ended = contained + handedOff + abandoned;
  return {
    started,
    contained,
    handedOff,
    abandoned,
    inBot: Number(r?.in_bot ?? 0),
    containmentRate: ended > 0 ? contained / ended : null,
    medianSecondsToContainment: r?.median === null || r?.median === undefined ? null : Math.round(Number(r.median) * 1000) / 1000,
  };
}

export async function botFigures(db: DbOrTx, filter: BotFilter): Promise<BotFigures> {
  const { range } = filter;
  const where = scope(filter);
  // Side by side: the totals and each version's figures (a grouping set each; medians do not
  // add up), the days, the handoff nodes.
  const [counts, dayRows, handoffRows] = await Promise.all([
    analyticsRows<CountRow & { total: boolean }>(
      db,
      sql`select c.flow_version_id as version_id, grouping(c.flow_version_id) = 1 as total, ${COUNTS}
        from conversations c where ${where}
        group by grouping sets ((c.flow_version_id), ())`,
    ),
    analyticsRows<{ day: string; started: number; contained: number; handed_off: number; abandoned: number }>(
      db,
      sql`select to_char(c.opened_at at time zone ${range.timeZone}, 'YYYY-MM-DD') as day, count(*)::int as started,
          count(*) filter (where c.bot_outcome = 'contained')::int as contained,
          count(*) filter (where c.bot_outcome = 'handoff')::int as handed_off,
          count(*) filter (where c.bot_outcome = 'abandoned')::int as abandoned
        from conversations c where ${where} group by 1`,
    ),
    analyticsRows<{ version_id: string; node: string | null; n: number }>(
      db,
      sql`select c.flow_version_id as version_id, c.bot_outcome_node as node, count(*)::int as n
        from conversations c where ${where} and c.bot_outcome = 'handoff' and c.flow_version_id is not null
        group by 1, 2 order by 3 desc limit 50`,
    ),
  ]);
  const versionIds = [...new Set([...counts.map((r) => r.version_id), ...handoffRows.map((r) => r.version_id)].filter((v): v is string => !!v))];
  const versionInfo = await versionsById(db, versionIds, handoffRows);

  const versions: BotVersionFigures[] = [];
  for (const r of counts) {
    if (r.total || !r.version_id) continue;
    const v = versionInfo.get(r.version_id);
    if (!v) continue;
    versions.push({ ...totalsOf(r), versionId: r.version_id, flowId: v.flowId, flowName: v.flowName, number: v.number, active: v.active });
  }
  versions.sort((a, b) => a.flowName.localeCompare(b.flowName) || a.flowId.localeCompare(b.flowId) || b.number - a.number);

  const byDay = new Map(dayRows.map((r) => [r.day, r]));
  const days: BotDay[] = [];
  for (let i = 0; i < range.days; i++) {
    const day = shiftDay(range.fromDay, i);
    const r = byDay.get(day);
    days.push({ day, started: Number(r?.started ?? 0), contained: Number(r?.contained ?? 0), handedOff: Number(r?.handed_off ?? 0), abandoned: Number(r?.abandoned ?? 0) });
  }

  const handoffNodes: BotHandoffNode[] = handoffRows.map((r) => {
    const v = versionInfo.get(r.version_id);
    const ref = (r.node ? v?.refs.get(r.node) : undefined) ?? { nodeId: r.node ?? "", type: null, label: null };
    return { ...ref, flowId: v?.flowId ?? "", version: v?.number ?? 0, handoffs: Number(r.n) };
  });

  return {
    range: { from: range.fromDay, to: range.toDay, timeZone: range.timeZone },
    flow: filter.flow ? { id: filter.flow.id, name: filter.flow.name } : null,
    channel: filter.channel,
    totals: totalsOf(counts.find((r) => r.total)),
    versions,
    days,
    handoffNodes,
  };
}

type VersionInfo = { flowId: string; flowName: string; number: number; active: boolean; refs: Map<string, NodeRef> };

/**
 * Versions' flow and number, and the nodes the handoff table names: picked out of the stored
 * documents by the database (a 1,000-node document is not shipped and parsed for a few labels).
 */
async function versionsById(db: DbOrTx, ids: string[], nodesWanted: { version_id: string; node: string | null }[]): Promise<Map<string, VersionInfo>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<{ id: string; flow_id: string; flow_name: string; number: number; active: boolean }>(
    await db.execute(sql`select v.id, v.flow_id, f.name as flow_name, v.number, f.active_version_id = v.id as active
      from flow_versions v join flows f on f.id = v.flow_id where v.id = any(${`{${ids.join(",")}}`}::uuid[])`),
  );
  const wanted = nodesWanted.filter((w): w is { version_id: string; node: string } => !!w.node);
  const nodeRows =
    wanted.length === 0
      ? []
      : rowsOf<{ version_id: string; node: FlowDocument["nodes"][number] }>(
          await db.execute(sql`select v.id as version_id, n as node
            from flow_versions v cross join lateral jsonb_array_elements(v.document->'nodes') as n
            where v.id = any(${`{${[...new Set(wanted.map((w) => w.version_id))].join(",")}}`}::uuid[])
              and n->>'id' in (select jsonb_array_elements_text(${JSON.stringify([...new Set(wanted.map((w) => w.node))])}::jsonb))`),
        );
  const refsByVersion = new Map<string, FlowDocument["nodes"]>();
  for (const r of nodeRows) refsByVersion.set(r.version_id, [...(refsByVersion.get(r.version_id) ?? []), r.node]);
  return new Map(
    rows.map((r) => [
      r.id,
      { flowId: r.flow_id, flowName: r.flow_name, number: Number(r.number), active: !!r.active, refs: nodeRefs({ nodes: refsByVersion.get(r.id) ?? [] } as FlowDocument) },
    ]),
  );
}

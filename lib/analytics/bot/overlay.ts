import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import type { FlowDocument } from "@/lib/flow/schema";
import { analyticsRows } from "../query";
import type { DayRange } from "../range";
import type { FlowOverlay, NodeFigures } from "./overlay-types";
import type { ScopedFlow } from "./scope";

export type { FlowOverlay, NodeFigures } from "./overlay-types";

type Row = { kind: "e" | "o" | "q" | "s"; node: string | null; next: string | null; n: number; d: number };

/**
 * Everything from the conversations rows of one version opened in the range: the path the
 * engine keeps in flow_state (node ids visited, in order), the bot's outcome and its node, the
 * answers counted per node.
 */
export async function flowOverlay(
  db: DbOrTx,
  flow: ScopedFlow,
  version: { id: string; number: number; document: FlowDocument },
  range: DayRange,
): Promise<FlowOverlay> {
  const where = sql`c.flow_version_id = ${version.id}::uuid
    and c.opened_at >= ${range.start.toISOString()}::timestamptz and c.opened_at < ${range.end.toISOString()}::timestamptz`;
  const path = sql`case when jsonb_typeof(c.flow_state->'path') = 'array' then c.flow_state->'path' else '[]'::jsonb end`;
  // Two reads side by side, each one pass over the version's rows in the range. Each first
  // counts the conversations per distinct value (most conversations of a flow take the same
  // few routes and give the same answers), then unfolds every distinct path or answer set once,
  // weighted by its count: the same sums as unfolding every row, with the JSON work done once
  // per distinct value instead of once per conversation.
  const [steps, outcomes] = await Promise.all([
    // Every step of every path with the step after it (ordinality is 1-based, ->> 0-based:
    // p->>i is the next one), and whether it is the conversation's first visit of the node.
    analyticsRows<Row>(
      db,
      sql`select 'e' as kind, s.node, s.next, sum(c.w)::int as n, coalesce(sum(c.w) filter (where s.first), 0)::int as d
        from (select ${path} as p, count(*) as w from conversations c where ${where} group by 1) c
        cross join lateral (
          select e.node, c.p->>(e.i::int) as next, row_number() over (partition by e.node order by e.i) = 1 as first
          from jsonb_array_elements_text(c.p) with ordinality as e(node, i)
        ) s
        group by 2, 3`,
    ),
    analyticsRows<Row>(
      db,
      sql`with g as materialized (
          select c.bot_outcome as outcome, c.bot_outcome_node as node,
            case when jsonb_typeof(c.bot_answers) = 'object' then c.bot_answers end as answers, count(*) as w
          from conversations c where ${where} group by 1, 2, 3)
        select 'o' as kind, g.node, g.outcome as next, sum(g.w)::int as n, 0 as d
          from g where g.outcome is not null and g.node is not null group by 2, 3
        union all select 'q', a.key, null, sum(g.w * (a.value->>0)::int)::int, sum(g.w * (a.value->>1)::int)::int
          from g cross join lateral jsonb_each(g.answers) as a
          group by a.key
        union all select 's', null, null, coalesce(sum(g.w), 0)::int, 0 from g`,
    ),
  ]);
  const rows = [...steps, ...outcomes];

  const started = Number(rows.find((r) => r.kind === "s")?.n ?? 0);
  const nodes: Record<string, NodeFigures> = {};
  const at = (id: string) => {
    let f = nodes[id];
    if (!f) {
      f = { visits: 0, conversations: 0, share: 0, abandoned: 0, handoffs: 0, contained: 0, answers: 0, invalid: 0, invalidRate: null };
      nodes[id] = f;
    }
    return f;
  };
  const pairs = new Map<string, number>();
  for (const r of rows) {
    if (!r.node) continue;
    const n = Number(r.n);
    switch (r.kind as string) {
      case "e":
        // A node's visits are its steps, whatever (if anything) came next; its conversations, their first visits.
        at(r.node).visits += n;
        at(r.node).conversations += Number(r.d);
        if (r.next !== null) pairs.set(`${r.node}\u0000${r.next}`, n);
        break;
      case "o": {
        const f = at(r.node);
        if (r.next === "abandoned") f.abandoned = n;
        else if (r.next === "handoff") f.handoffs = n;
        else if (r.next === "contained") f.contained = n;
        break;
      }
      case "q": {
        const f = at(r.node);
        f.answers = n;
        f.invalid = Number(r.d);
        break;
      }
    }
  }
  for (const f of Object.values(nodes)) {
    f.share = started > 0 ? f.conversations / started : 0;
    f.invalidRate = f.answers > 0 ? f.invalid / f.answers : null;
  }
  // A path step from a node to the next is one of the edges between them; a jump no edge
  // draws (a restart keyword back to the start) is nobody's traffic.
  const edges: Record<string, number> = {};
  let maxEdgeTraffic = 0;
  for (const e of version.document.edges ?? []) {
    const n = pairs.get(`${e.source}\u0000${e.target}`) ?? 0;
    if (n === 0) continue;
    edges[e.id] = n;
    maxEdgeTraffic = Math.max(maxEdgeTraffic, n);
  }
  const active = flow.versions.find((v) => v.id === version.id)?.active ?? false;
  return {
    flow: { id: flow.id, name: flow.name },
    version: { id: version.id, number: version.number, active },
    range: { from: range.fromDay, to: range.toDay, timeZone: range.timeZone },
    started,
    nodes,
    edges,
    maxEdgeTraffic,
  };
}

import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/guard";
import type { DbOrTx } from "@/lib/db/types";
import { queues, users, workspace } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { type DayRange, dayRange, shiftDay } from "./range";
import type { SatisfactionQuery } from "./satisfaction-query";

/**
 * One group's figures. Scores are compared on a 1–5 footing (faces 1, 2, 3 count as 1, 3, 5:
 * lib/csat/survey.ts `normalizedScore`), so queues with different scales add up.
 */
export type SatisfactionFigures = {
  /** Surveys sent (one per resolved conversation asked). */
  sent: number;
  answered: number;
  /** answered ÷ sent (null when nothing was sent). */
  responseRate: number | null;
  /** Mean score, 1–5, two decimals (null when nothing was answered). */
  average: number | null;
  /** Share of answers that are satisfied (4–5 of five, the happy face): the usual CSAT %. */
  satisfied: number | null;
  /** Answers per score 1–5 (faces land on 1, 3 and 5). */
  distribution: Record<"1" | "2" | "3" | "4" | "5", number>;
  comments: number;
};

export type SatisfactionComment = {
  conversationId: string;
  protocol: string;
  agentId: string | null;
  agentName: string | null;
  queueId: string | null;
  queueName: string | null;
  scale: "five" | "faces";
  score: number | null;
  comment: string;
  commentedAt: string;
};

export type SatisfactionReport = {
  range: { from: string; to: string; timeZone: string };
  filters: { queueId: string | null; agentId: string | null };
  totals: SatisfactionFigures;
  agents: ({ agentId: string | null; name: string | null } & SatisfactionFigures)[];
  queues: ({ queueId: string | null; name: string | null } & SatisfactionFigures)[];
  days: ({ day: string } & SatisfactionFigures)[];
  comments: SatisfactionComment[];
};

/** The newest comments listed (the CSV export lists them all). */
export const COMMENTS_SHOWN = 100;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const NORMALIZED = sql.raw(`(case when r.scale = 'faces' then r.score * 2 - 1 else r.score end)`);

const FIGURES = sql`
  count(*)::int as sent,
  count(r.score)::int as answered,
  avg(${NORMALIZED}) as average,
  count(*) filter (where ${NORMALIZED} >= 4)::int as satisfied,
  count(*) filter (where ${NORMALIZED} = 1)::int as d1,
  count(*) filter (where ${NORMALIZED} = 2)::int as d2,
  count(*) filter (where ${NORMALIZED} = 3)::int as d3,
  count(*) filter (where ${NORMALIZED} = 4)::int as d4,
  count(*) filter (where ${NORMALIZED} = 5)::int as d5,
  count(r.comment)::int as comments`;

type FigureRow = Record<string, unknown>;

function figures(r: FigureRow | undefined): SatisfactionFigures {
  const n = (key: string) => Number(r?.[key] ?? 0);
  const sent = n("sent");
  const answered = n("answered");
  return {
    sent,
    answered,
    responseRate: sent ? round(answered / sent, 4) : null,
    average: answered && r?.average != null ? round(Number(r.average), 2) : null,
    satisfied: answered ? round(n("satisfied") / answered, 4) : null,
    distribution: { "1": n("d1"), "2": n("d2"), "3": n("d3"), "4": n("d4"), "5": n("d5") },
    comments: n("comments"),
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Who sees what: admins every agent and queue; an agent only their own surveys (naming another
 * agent is 403). An unknown queue or agent is 404.
 */
async function scopeOf(db: DbOrTx, actor: Pick<Actor, "role" | "userId">, query: SatisfactionQuery): Promise<{ queueId: string | null; agentId: string | null }> {
  let agentId = query.agentId ?? null;
  if (actor.role !== "admin") {
    if (!actor.userId) throw new AppError("forbidden", "Satisfaction figures need a user");
    if (agentId && agentId !== actor.userId) throw new AppError("forbidden", "Agents see their own satisfaction figures only");
    agentId = actor.userId;
  } else if (agentId) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, agentId));
    if (!user) throw new AppError("not_found", "Agent not found");
  }
  if (query.queueId) {
    const [queue] = await db.select({ id: queues.id }).from(queues).where(eq(queues.id, query.queueId));
    if (!queue) throw new AppError("not_found", "Queue not found");
  }
  return { queueId: query.queueId ?? null, agentId };
}

/** The survey rows in range and scope, as a SQL condition on `csat_responses r`. */
function whereOf(range: DayRange, scope: { queueId: string | null; agentId: string | null }): SQL {
  const parts = [sql`r.sent_at >= ${range.start.toISOString()}::timestamptz and r.sent_at < ${range.end.toISOString()}::timestamptz`];
  if (scope.queueId) parts.push(sql`r.queue_id = ${scope.queueId}::uuid`);
  if (scope.agentId) parts.push(sql`r.agent_id = ${scope.agentId}::uuid`);
  return sql.join(parts, sql` and `);
}

/**
 * Satisfaction over a range of whole days in the workspace's time zone, counted by the day the
 * survey was sent (the day the conversation was resolved): per agent, per queue, per day, and
 * the newest comments.
 */
export async function satisfactionReport(
  db: DbOrTx,
  actor: Pick<Actor, "role" | "userId">,
  query: SatisfactionQuery,
  now = new Date(),
  commentsLimit: number | null = COMMENTS_SHOWN,
): Promise<SatisfactionReport> {
  const [ws] = await db.select({ timeZone: workspace.timeZone }).from(workspace);
  const range = dayRange(query, ws?.timeZone ?? "America/Sao_Paulo", now);
  const scope = await scopeOf(db, actor, query);
  const where = whereOf(range, scope);
  const tz = range.timeZone;
  const [totals, agents, queueRows, dayRows, comments] = await Promise.all([
    db.execute(sql`select ${FIGURES} from csat_responses r where ${where}`),
    db.execute(sql`select r.agent_id, u.name, ${FIGURES} from csat_responses r left join users u on u.id = r.agent_id
      where ${where} group by r.agent_id, u.name order by u.name nulls last`),
    db.execute(sql`select r.queue_id, q.name, ${FIGURES} from csat_responses r left join queues q on q.id = r.queue_id
      where ${where} group by r.queue_id, q.name order by q.name nulls last`),
    db.execute(sql`select to_char(r.sent_at at time zone ${tz}, 'YYYY-MM-DD') as day, ${FIGURES} from csat_responses r
      where ${where} group by 1 order by 1`),
    db.execute(sql`select r.conversation_id, c.protocol, r.agent_id, u.name as agent_name, r.queue_id, q.name as queue_name,
        r.scale, r.score, r.comment, r.commented_at
      from csat_responses r
      join conversations c on c.id = r.conversation_id
      left join users u on u.id = r.agent_id
      left join queues q on q.id = r.queue_id
      where ${where} and r.comment is not null
      order by r.commented_at desc, r.conversation_id
      ${commentsLimit === null ? sql`` : sql`limit ${commentsLimit}`}`),
  ]);
  const byDay = new Map(rowsOf<FigureRow>(dayRows).map((r) => [String(r.day), r]));
  const days: SatisfactionReport["days"] = [];
  for (let i = 0; i < range.days; i++) {
    const day = shiftDay(range.fromDay, i);
    days.push({ day, ...figures(byDay.get(day)) });
  }
  return {
    range: { from: range.fromDay, to: range.toDay, timeZone: tz },
    filters: scope,
    totals: figures(rowsOf<FigureRow>(totals)[0]),
    agents: rowsOf<FigureRow>(agents).map((r) => ({ agentId: (r.agent_id as string | null) ?? null, name: (r.name as string | null) ?? null, ...figures(r) })),
    queues: rowsOf<FigureRow>(queueRows).map((r) => ({ queueId: (r.queue_id as string | null) ?? null, name: (r.name as string | null) ?? null, ...figures(r) })),
    days,
    comments: rowsOf<FigureRow>(comments).map((r) => ({
      conversationId: String(r.conversation_id),
      protocol: String(r.protocol),
      agentId: (r.agent_id as string | null) ?? null,
      agentName: (r.agent_name as string | null) ?? null,
      queueId: (r.queue_id as string | null) ?? null,
      queueName: (r.queue_name as string | null) ?? null,
      scale: r.scale === "five" ? "five" : "faces",
      score: r.score == null ? null : Number(r.score),
      comment: String(r.comment),
      commentedAt: new Date(r.commented_at as string).toISOString(),
    })),
  };
}

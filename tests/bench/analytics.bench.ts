/**
 * `npm run bench:analytics`: the Analytics API on a year's worth of traffic. A fresh database
 * (TEST_DATABASE_URL's server) gets 100,000 conversations and 1,000,000 transcript rows in a
 * few bulk statements (generate_series), on the demo flow and on a generated 1,000-node flow
 * with two published versions; then the production server (`npm run build` first, or
 * --reuse-build) answers every analytics endpoint through HTTP, each timed as the median of
 * several runs after a warm-up, the 1,000-node overlay included. Prints ONE JSON object on
 * stdout; progress on stderr. Target: median ≤ 300 ms each.
 *
 * Flags: --reuse-build, --runs=7, --conversations=100000, --messages-per-conversation=10, --keep-db.
 * Add an endpoint to ENDPOINTS below (one line) and it is timed too.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { generateFlow, seededRandom } from "@/lib/flow/generate";
import type { FlowDocument } from "@/lib/flow/schema";
import { startAppServer, type AppServer } from "../support/app-server";
import { TEST_DATABASE_URL } from "../support/env";
import { browserHeaders, signIn } from "../support/session";
import { BENCH_ROOT, benchArgs, createBenchDatabase, log, round } from "./runtime-load";

const args = benchArgs();
const RUNS = Number(args.get("runs") ?? 7);
const CONVERSATIONS = Number(args.get("conversations") ?? 100_000);
const MESSAGES_PER_CONVERSATION = Number(args.get("messages-per-conversation") ?? 10);
const TARGET_MS = 300;
/** Days the conversations spread over, ending today. */
const SPREAD_DAYS = 120;

/** What the endpoints are called with: the bench's flows, versions and channel, and the range. */
type Ctx = { bigFlowId: string; demoFlowId: string; channelId: string; from: string; to: string; today: string };

/** Every analytics endpoint timed, one line each: Bot, the overlay, Desk (figures, SLA) and Satisfaction. */
const ENDPOINTS: { name: string; path: (c: Ctx) => string }[] = [
  { name: "bot: all flows, 30 days", path: (c) => `/api/analytics/bot?from=${c.from}&to=${c.to}` },
  { name: "bot: all flows, 120 days", path: (c) => `/api/analytics/bot?from=${shift(c.today, -(SPREAD_DAYS - 1))}&to=${c.today}` },
  { name: "bot: 1,000-node flow, 30 days, by version", path: (c) => `/api/analytics/bot?flowId=${c.bigFlowId}&from=${c.from}&to=${c.to}` },
  { name: "bot: 1,000-node flow + channel, 120 days", path: (c) => `/api/analytics/bot?flowId=${c.bigFlowId}&channelId=${c.channelId}&from=${shift(c.today, -(SPREAD_DAYS - 1))}&to=${c.today}` },
  { name: "bot: CSV of versions", path: (c) => `/api/analytics/bot?flowId=${c.bigFlowId}&from=${c.from}&to=${c.to}&format=csv&table=versions` },
  { name: "overlay: 1,000-node flow v2, 30 days", path: (c) => `/api/analytics/flows/${c.bigFlowId}/overlay?version=2&from=${c.from}&to=${c.to}` },
  { name: "overlay: 1,000-node flow v2, 120 days", path: (c) => `/api/analytics/flows/${c.bigFlowId}/overlay?version=2&from=${shift(c.today, -(SPREAD_DAYS - 1))}&to=${c.today}` },
  { name: "overlay: demo flow, 30 days", path: (c) => `/api/analytics/flows/${c.demoFlowId}/overlay?from=${c.from}&to=${c.to}` },
  { name: "overlay: CSV of 1,000 nodes", path: (c) => `/api/analytics/flows/${c.bigFlowId}/overlay?version=2&from=${c.from}&to=${c.to}&format=csv` },
  { name: "overlay: a node's recent conversations", path: (c) => `/api/analytics/flows/${c.bigFlowId}/overlay/nodes/start?version=2&from=${c.from}&to=${c.to}` },
  { name: "desk: figures, 30 days", path: (c) => `/api/analytics/desk?from=${c.from}&to=${c.to}` },
  { name: "desk: figures, 120 days", path: (c) => `/api/analytics/desk?from=${shift(c.today, -(SPREAD_DAYS - 1))}&to=${c.today}` },
  { name: "desk: SLA, 30 days", path: (c) => `/api/analytics/desk/sla?from=${c.from}&to=${c.to}` },
  { name: "desk: SLA, 120 days", path: (c) => `/api/analytics/desk/sla?from=${shift(c.today, -(SPREAD_DAYS - 1))}&to=${c.today}` },
  { name: "desk: CSV of agents, 30 days", path: (c) => `/api/analytics/desk?from=${c.from}&to=${c.to}&format=csv&table=agents` },
  { name: "desk: CSV of SLA breaches, 30 days", path: (c) => `/api/analytics/desk/sla?from=${c.from}&to=${c.to}&format=csv&table=breaches` },
  { name: "satisfaction: 30 days", path: (c) => `/api/analytics/satisfaction?from=${c.from}&to=${c.to}` },
  { name: "satisfaction: 120 days", path: (c) => `/api/analytics/satisfaction?from=${shift(c.today, -(SPREAD_DAYS - 1))}&to=${c.today}` },
  { name: "satisfaction: CSV of comments, 30 days", path: (c) => `/api/analytics/satisfaction?from=${c.from}&to=${c.to}&format=csv&table=comments` },
];

function shift(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}

type Walk = { path: string[]; outcome: "contained" | "handoff" | "abandoned"; node: string; answers: Record<string, [number, number]> };

/**
 * Conversations' routes through a flow, as the engine records them: from the start along
 * edges until an end or handoff node, or stopping at a waiting node (abandoned there).
 */
function walks(doc: FlowDocument, count: number, seed: number): Walk[] {
  const rand = seededRandom(seed);
  const out = new Map<string, string[]>();
  for (const e of doc.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const type = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const waiting = new Set(["buttons", "list", "question"]);
  const start = doc.nodes.find((n) => n.type === "start")!.id;
  const result: Walk[] = [];
  for (let i = 0; i < count; i++) {
    const path = [start];
    const answers: Record<string, [number, number]> = {};
    let at = start;
    let outcome: Walk["outcome"] = "contained";
    for (let steps = 0; steps < 40; steps++) {
      const kind = type.get(at);
      if (kind === "handoff") {
        outcome = "handoff";
        break;
      }
      if (kind === "end") break;
      if (waiting.has(kind ?? "")) {
        if (rand() < 0.12) {
          outcome = "abandoned";
          break;
        }
        const invalid = rand() < 0.2 ? 1 : 0;
        answers[at] = [1 + invalid, invalid];
      }
      const next = out.get(at);
      if (!next?.length) break;
      at = next[Math.floor(rand() * next.length)]!;
      path.push(at);
    }
    result.push({ path, outcome, node: at, answers });
  }
  return result;
}

async function main() {
  const startLoad = loadavg().map((n) => round(n, 2));
  if (!args.has("reuse-build") || !existsSync(path.join(BENCH_ROOT, ".next", "BUILD_ID"))) {
    log("building the production server…");
    execFileSync("npm", ["run", "build"], { cwd: BENCH_ROOT, stdio: ["ignore", 2, 2] });
  }
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  const database = await createBenchDatabase(admin, TEST_DATABASE_URL);
  let app: AppServer | null = null;
  try {
    // The server migrates and seeds (demo flow, channel, users).
    app = await startAppServer({ databaseUrl: database.url, env: { SEED_DEMO: "1", RUNTIME_DISABLED: "1" } });
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const [ws] = await sql<{ time_zone: string }[]>`select time_zone from workspace`;
    const timeZone = ws!.time_zone;
    const [channel] = await sql<{ id: string; flow_id: string }[]>`select id, flow_id from channels where is_default order by created_at limit 1`;
    const [demo] = await sql<{ id: string; version_id: string; document: FlowDocument }[]>`
      select f.id, v.id as version_id, v.document from flows f join flow_versions v on v.id = f.active_version_id where f.id = ${channel!.flow_id}`;

    // The 1,000-node flow, published twice (v1, then v2 active).
    const big = generateFlow(1000, 7);
    const [bigFlow] = await sql<{ id: string }[]>`insert into flows (name, draft) values ('Bench 1,000 nodes', ${sql.json(big as never)}) returning id`;
    const versionIds: string[] = [];
    for (const n of [1, 2]) {
      const [v] = await sql<{ id: string }[]>`insert into flow_versions (flow_id, number, document, checksum) values (${bigFlow!.id}, ${n}, ${sql.json(big as never)}, ${`bench-${n}`}) returning id`;
      versionIds.push(v!.id);
    }
    await sql`update flows set active_version_id = ${versionIds[1]!} where id = ${bigFlow!.id}`;

    // Routes, as JSON arrays the bulk insert indexes into.
    const routes = [
      ...walks(big, 400, 1).map((w) => ({ ...w, version: versionIds[0]! })),
      ...walks(big, 400, 2).map((w) => ({ ...w, version: versionIds[1]! })),
      ...walks(demo!.document, 200, 3).map((w) => ({ ...w, version: demo!.version_id })),
    ];
    const t0 = performance.now();
    log(`generating ${CONVERSATIONS.toLocaleString()} conversations and ${(CONVERSATIONS * MESSAGES_PER_CONVERSATION).toLocaleString()} messages…`);
    await sql`insert into contacts (channel_id, wa_id, name)
      select ${channel!.id}, (5500000000000 + g)::text, 'Cliente ' || g from generate_series(1, ${Math.ceil(CONVERSATIONS / 5)}) g`;
    await sql.unsafe(
      `with r as (select (value->>'version')::uuid as version_id, value->'path' as path, value->>'outcome' as outcome, value->>'node' as node,
                         value->'answers' as answers, (ordinality - 1)::int as i
                  from jsonb_array_elements($1::text::jsonb) with ordinality),
            k as (select id, (row_number() over (order by id) - 1)::int as i from contacts),
            g as (select g, now() - (random() * ${SPREAD_DAYS} * interval '1 day') as opened, random() as r1, random() as r2, random() as r3,
                         random() as r4, random() as r5, random() as r6, random() as r7
                  from generate_series(1, ${CONVERSATIONS}) g),
            q as (select array_agg(id order by slug) as ids from queues),
            a as (select array_agg(id order by email) as ids from users where role = 'agent')
       insert into conversations (id, protocol, channel_id, contact_id, status, flow_version_id, flow_state, opened_at, queue_id, assignee_id,
                                  first_queued_at, queued_at, first_assigned_at, assigned_at, first_response_at, closed_at,
                                  closed_reason, last_activity_at, bot_outcome, bot_outcome_at, bot_outcome_node, bot_answers)
       select gen_random_uuid(), to_char(g.opened, 'YYYYMMDD') || '-' || lpad(g.g::text, 7, '0'), $2::uuid, k.id, 'closed', r.version_id,
              jsonb_build_object('nodeId', r.node, 'status', 'ended', 'variables', '{}'::jsonb, 'invalidAttempts', 0, 'path', r.path),
              g.opened, x.queue_id, x.agent_id, x.first_queued, x.queued, x.first_assigned, x.assigned, x.answered,
              coalesce(x.closed, g.opened + interval '30 minutes'), coalesce(x.reason, case r.outcome when 'abandoned' then 'timeout' else 'end' end),
              g.opened + interval '30 minutes', r.outcome, g.opened + (20 + random() * 200) * interval '1 second', r.node, r.answers
       from g join r on r.i = g.g % ${routes.length} join k on k.i = g.g % ${Math.ceil(CONVERSATIONS / 5)} cross join q cross join a
       -- The desk part of a handoff (none for the others): the queue and agent it ended with,
       -- queued 40 s in, first assigned after a skewed wait of up to an hour (4% never: closed
       -- unanswered after 2 h), answered 30 s–10 min later, resolved 5–55 min after the
       -- assignment (93% of them); 8% transferred 15 min after the first assignment (assigned
       -- again 5 min later), keeping the first entry and assignment as transfers do.
       left join lateral (
         select t.queue_id, case when t.served then t.agent_id end as agent_id,
                case when t.moved then t.entered end as first_queued,
                case when t.moved then t.first_assigned + interval '15 minutes' else t.entered end as queued,
                case when t.moved then t.first_assigned end as first_assigned,
                case when not t.served then null when t.moved then t.first_assigned + interval '20 minutes' else t.first_assigned end as assigned,
                case when t.served then t.first_assigned + (30 + g.r5 * 570) * interval '1 second' end as answered,
                case when not t.served then t.entered + interval '2 hours'
                     else t.first_assigned + (case when t.moved then 1200 else 0 end + 300 + g.r6 * 3000) * interval '1 second' end as closed,
                case when t.served and g.r4 < 0.93 then 'resolved' else 'timeout' end as reason
         from (select g.opened + interval '40 seconds' as entered,
                      g.opened + interval '40 seconds' + (g.r3 * g.r3 * 3600) * interval '1 second' as first_assigned,
                      g.r7 < 0.08 as moved, g.r3 >= 0.04 as served,
                      q.ids[1 + floor(g.r1 * array_length(q.ids, 1))::int] as queue_id,
                      a.ids[1 + floor(g.r2 * array_length(a.ids, 1))::int] as agent_id) t
         where r.outcome = 'handoff'
       ) x on true
       -- In the order they opened, as the runtime inserts them.
       order by g.opened`,
      [JSON.stringify(routes), channel!.id],
    );
    await sql.unsafe(
      `insert into messages (conversation_id, direction, author, type, body, flow_node_id, created_at)
       select c.id, case when n % 2 = 1 then 'inbound'::message_direction else 'outbound'::message_direction end,
              case when n % 2 = 1 then 'customer' else 'bot' end, 'text', 'Mensaje ' || n,
              c.flow_state->'path'->>(least(n / 2, jsonb_array_length(c.flow_state->'path') - 1)), c.opened_at + n * interval '5 seconds'
       from conversations c cross join generate_series(1, ${MESSAGES_PER_CONVERSATION}) n
       order by c.opened_at, n`,
    );
    // The transfers' audit entries (what the desk figures read): from the queue and agent the
    // conversation left — the other seeded queue, the next agent — to those it ended with.
    await sql`
      with q as (select array_agg(id order by slug) as ids from queues),
           a as (select array_agg(id order by email) as ids from users where role = 'agent')
      insert into audit_log (action, entity_type, entity_id, details, created_at)
      select 'conversation.transfer', 'conversation', c.id::text,
             jsonb_build_object('protocol', c.protocol, 'fromQueueId', q.ids[1 + (array_position(q.ids, c.queue_id) % array_length(q.ids, 1))],
                                'toQueueId', c.queue_id, 'fromAgentId', a.ids[1 + (array_position(a.ids, c.assignee_id) % array_length(a.ids, 1))],
                                'toAgentId', c.assignee_id, 'note', null),
             c.first_assigned_at + interval '15 minutes'
      from conversations c, q, a where c.first_queued_at is not null
      order by c.first_assigned_at`;
    // One queue with a first-response target (the SLA figures score its conversations in
    // business hours); both ask for CSAT, on different scales.
    await sql`update queues set sla_first_response_minutes = 15, csat_enabled = true, csat_scale = 'five', csat_comment = true where slug = 'soporte'`;
    await sql`update queues set csat_enabled = true, csat_scale = 'faces' where slug <> 'soporte'`;
    // Surveys for 70% of the resolved: sent with the resolve, 45% answered (scores leaning
    // high), a third of the answers with a comment.
    await sql`
      insert into csat_responses (conversation_id, channel_id, contact_id, queue_id, agent_id, scale, sent_at, score, answered_at, comment, commented_at)
      select s.id, s.channel_id, s.contact_id, s.queue_id, s.assignee_id, s.scale, s.closed_at,
             case when s.answered then case s.scale when 'five' then 1 + floor(sqrt(s.r2) * 5)::int else 1 + floor(sqrt(s.r2) * 3)::int end end,
             case when s.answered then s.closed_at + (10 + s.r3 * 600) * interval '1 second' end,
             case when s.answered and s.r3 < 0.33 then (array['Muy buena atención', 'Tardaron mucho en responder', 'Resolvieron todo, gracias',
                                                          'No entendí la respuesta', '=HYPERLINK("x") prueba'])[1 + floor(s.r1 * 5)::int] end,
             case when s.answered and s.r3 < 0.33 then s.closed_at + (700 + s.r3 * 600) * interval '1 second' end
      from (select c.id, c.channel_id, c.contact_id, c.queue_id, c.assignee_id, c.closed_at, qu.csat_scale as scale,
                   random() < 0.45 as answered, random() as r1, random() as r2, random() as r3
            from conversations c join queues qu on qu.id = c.queue_id
            where c.closed_reason = 'resolved' and random() < 0.7) s
      order by s.closed_at`;
    await sql`vacuum analyze conversations`;
    await sql`vacuum analyze messages`;
    await sql`vacuum analyze audit_log`;
    await sql`vacuum analyze csat_responses`;
    const [counts] = await sql<{ conversations: number; messages: number }[]>`
      select (select count(*)::int from conversations) as conversations, (select count(*)::int from messages) as messages`;
    const generateSeconds = round((performance.now() - t0) / 1000, 1);
    log(`generated in ${generateSeconds}s: ${counts!.conversations} conversations, ${counts!.messages} messages`);
    await sql.end();

    const session = await signIn(app.url, "admin@demo.atendo", "atendo-demo");
    if (!session.ok) throw new Error(`sign-in failed: ${session.error}`);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    const ctx: Ctx = { bigFlowId: bigFlow!.id, demoFlowId: demo!.id, channelId: channel!.id, from: shift(today, -29), to: today, today };

    const results = [];
    for (const endpoint of ENDPOINTS) {
      const url = `${app.url}${endpoint.path(ctx)}`;
      const times: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let run = 0; run <= RUNS; run++) {
        const t = performance.now();
        const res = await fetch(url, { headers: browserHeaders(app.url, session.cookie) });
        const body = await res.arrayBuffer();
        const ms = performance.now() - t;
        status = res.status;
        bytes = body.byteLength;
        if (run > 0) times.push(ms); // the first run warms the caches and the route
      }
      times.sort((a, b) => a - b);
      const median = round(times[Math.floor(times.length / 2)]!);
      results.push({ endpoint: endpoint.name, status, bytes, medianMs: median, minMs: round(times[0]!), maxMs: round(times.at(-1)!), pass: status === 200 && median <= TARGET_MS });
      log(`${endpoint.name}: ${status}, median ${median} ms`);
    }
    const output = {
      benchmark: "analytics",
      machine: { cpus: cpus().length, model: cpus()[0]?.model.trim(), node: process.version, loadAverageAtStart: startLoad },
      config: { conversations: counts!.conversations, messages: counts!.messages, flows: { bigFlowNodes: big.nodes.length, versions: 2 }, spreadDays: SPREAD_DAYS, runs: RUNS, targetMs: TARGET_MS },
      generateSeconds,
      endpoints: results,
      pass: results.every((r) => r.pass),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } finally {
    await app?.stop();
    if (args.has("keep-db")) log(`kept database ${database.name}`);
    else await database.drop().catch(() => {});
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

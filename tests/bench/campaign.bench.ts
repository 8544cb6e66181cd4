/**
 * A campaign at the 1,000 msg/s tier (npm run bench:campaign): the production server
 * (`npm run build` + the custom server) on a fresh PostgreSQL database, the fake Graph API in a
 * process of its own (reporting `sent` and `delivered` status webhooks for every send, batched
 * like Meta), a campaign of 10,000 recipients created through `POST /api/campaigns` (CSV) with an
 * API token, and — while it sends — customers writing in at a paced rate on another number of
 * the same Meta app, whose webhook acks are timed.
 *
 * Measured:
 * - send rate: the fake's accept times of the campaign's messages — from the first to the last
 *   (`sendRatePerSecond`), and the steady rate with the first and last second left out
 *   (`steadyRatePerSecond`), against the tier (`tierPerSecond`);
 * - inbound webhook ack latency (p50/p99/max) of the paced customer messages sent while the
 *   campaign sends;
 * - correctness: every recipient reached exactly once (`duplicates`, `missing`), the campaign
 *   completed, 130429 answers from the fake's per-number throughput limit.
 *
 * The customers write to a second number because Meta's throughput is per number and counts
 * the bot's replies too: on the campaign's number they would take their share of the tier.
 *
 * Flags: --reuse-build, --keep-db, --recipients=10000, --tier=1000, --inbound-rate=100,
 * --contacts=2000, --app-log. Prints ONE JSON object on stdout; progress goes to stderr.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { APP_NODE_FLAGS } from "../support/app-server";
import {
  BENCH_ROOT,
  benchArgs,
  benchChannel,
  createBenchDatabase,
  FAKE_GRAPH_NODE_FLAGS,
  Generator,
  log,
  now,
  percentile,
  round,
  sleep,
  startBenchApp,
  startFakeGraphProcess,
  waitExit,
} from "./runtime-load";

const root = BENCH_ROOT;
const args = benchArgs();
const RECIPIENTS = Number(args.get("recipients") ?? 10_000);
const TIER = Number(args.get("tier") ?? 1_000);
const INBOUND_RATE = Number(args.get("inbound-rate") ?? 100);
const CONTACTS = Number(args.get("contacts") ?? 2_000);
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-bench";
const BASE_DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
/** Campaign recipients' numbers: apart from the generator's customers (55119…). */
const RECIPIENT_PREFIX = "5521";
const TEMPLATE = "bench_order_update";

function recipientPhone(i: number): string {
  return `${RECIPIENT_PREFIX}${String(900_000_000 + i)}`;
}

async function main() {
  const startLoad = loadavg().map((n) => round(n, 2));
  const distDir = path.join(root, DIST_DIR);
  if (!args.has("reuse-build") || !existsSync(path.join(distDir, "BUILD_ID"))) {
    log(`building the production server into ${DIST_DIR}…`);
    execFileSync("npm", ["run", "build"], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: DIST_DIR }, stdio: ["ignore", 2, 2] });
  }
  const admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
  const database = await createBenchDatabase(admin, BASE_DATABASE_URL);
  const children: ChildProcess[] = [];
  const cleanup = async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    if (args.has("keep-db")) log(`kept database ${database.name}`);
    else await database.drop().catch(() => {});
    await admin.end();
  };
  try {
    // Number 0 sends the campaign; number 1 is where customers write in (bot replies included).
    const channel = benchChannel(2);
    const [campaignNumber, inboundNumber] = channel.phoneNumberIds as [string, string];
    const generator = new Generator([inboundNumber], channel.appSecret, CONTACTS);
    // The fake enforces the campaign number's tier like Meta (130429 beyond it): sending faster shows.
    process.env.FAKE_GRAPH_THROUGHPUT = JSON.stringify({ [campaignNumber]: TIER });
    const graph = await startFakeGraphProcess(root, FAKE_GRAPH_NODE_FLAGS, channel, generator);
    children.push(graph.child);
    // The campaign's sends as the fake accepted them (to, time), over the same IPC as replies.
    const sends: [string, number][] = [];
    graph.child.on("message", (msg: { type: string; replies?: [string, number][] }) => {
      if (msg.type !== "replies") return;
      for (const r of msg.replies!) if (r[0].startsWith(RECIPIENT_PREFIX)) sends.push(r);
    });
    let appUrl = "";
    const app = await startBenchApp({
      root,
      distDir: DIST_DIR,
      nodeArgs: APP_NODE_FLAGS,
      databaseUrl: database.url,
      graphUrl: (port) => graph.urlFor("app", (appUrl = `http://127.0.0.1:${port}`)),
      channel,
      sendRate: TIER,
      logOutput: args.has("app-log"),
    });
    children.push(app.child);
    log(`app on :${app.port}`);

    // An approved template of the campaign's number and an admin API token, as an admin would have them.
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const token = `atd_${randomBytes(24).toString("hex")}`;
    const [{ id: channelId }] = await sql<{ id: string }[]>`select id from channels where phone_number_id = ${campaignNumber}`;
    const [{ id: templateId }] = await sql<{ id: string }[]>`insert into message_templates (channel_id, name, language, category, status, components)
      values (${channelId}, ${TEMPLATE}, 'es', 'UTILITY', 'APPROVED', ${sql.json([{ type: "BODY", text: "Hola {{1}}, tu pedido {{2}} salió hoy." }])})
      returning id`;
    await sql`insert into api_tokens (name, token_hash, prefix, role, created_by)
      select 'bench', ${createHash("sha256").update(token).digest("hex")}, ${token.slice(0, 10)}, 'admin', id from users where role = 'admin' order by created_at limit 1`;

    // Warm-up: every customer's first message, so the paced phase finds open conversations.
    log(`warm-up: ${CONTACTS} customers write once`);
    await Promise.all(
      Array.from({ length: 32 }, async (_, w) => {
        for (let i = w; i < generator.contacts.length; i += 32) await generator.send(app.port, generator.contacts[i]!);
      }),
    );
    await graph.statusesDelivered();
    await sleep(2_000);

    const csv = ["phone,name,order", ...Array.from({ length: RECIPIENTS }, (_, i) => `+${recipientPhone(i)},Cliente ${i},P-${i}`)].join("\n");
    const created = await fetch(`${appUrl}/api/campaigns`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "bench",
        channelId,
        templateId,
        audience: { kind: "csv", csv, filename: "bench.csv" },
        mapping: { "body.1": { source: "column", column: "name" }, "body.2": { source: "column", column: "order" } },
      }),
    });
    if (created.status !== 201) throw new Error(`campaign not created: ${created.status} ${await created.text()}`);
    const campaignId = ((await created.json()) as { campaign: { id: string } }).campaign.id;
    const startedAt = now();
    log(`campaign ${campaignId}: ${RECIPIENTS} recipients at ${TIER}/s; customers write at ${INBOUND_RATE}/s meanwhile`);

    // Paced inbound webhooks while the campaign sends (open loop: one every 1/rate s).
    const acks: number[] = [];
    let failedAcks = 0;
    let pacing = true;
    const paced = (async () => {
      const interval = 1000 / INBOUND_RATE;
      let next = now();
      let i = 0;
      const inFlight = new Set<Promise<void>>();
      while (pacing) {
        const contact = generator.contacts[i++ % generator.contacts.length]!;
        const p = generator.send(app.port, contact).then((r) => {
          if (r.status === 200) acks.push(r.ackMs);
          else failedAcks++;
        });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        next += interval;
        const wait = next - now();
        if (wait > 0) await sleep(wait);
      }
      await Promise.all(inFlight);
    })();

    const deadline = Date.now() + Math.max(120_000, (RECIPIENTS / TIER) * 6_000);
    let status = "";
    while (Date.now() < deadline) {
      const [row] = await sql<{ status: string }[]>`select status from campaigns where id = ${campaignId}`;
      status = row!.status;
      if (status === "completed" && new Set(sends.map((s) => s[0])).size >= RECIPIENTS) break;
      if (status === "stopped" || status === "cancelled") break;
      await sleep(250);
    }
    pacing = false;
    await paced;
    const finishedAt = now();

    const times = sends.map((s) => s[1]).sort((a, b) => a - b);
    const first = times[0] ?? startedAt;
    const last = times[times.length - 1] ?? first;
    const steady = times.filter((t) => t >= first + 1_000 && t <= last - 1_000);
    const perRecipient = new Map<string, number>();
    for (const [to] of sends) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const counts = await new Promise<{ throttled?: number }>((resolve) => {
      const listener = (msg: { type: string; counts?: { throttled?: number } }) => {
        if (msg.type !== "counts") return;
        graph.child.off("message", listener);
        resolve(msg.counts ?? {});
      };
      graph.child.on("message", listener);
      graph.child.send({ type: "counts" });
    });
    const recipientStatuses = Object.fromEntries(
      (await sql<{ status: string; n: number }[]>`select status, count(*)::int as n from campaign_recipients where campaign_id = ${campaignId} group by status`).map((r) => [
        r.status,
        r.n,
      ]),
    );
    await sql.end();

    const sendRate = times.length > 1 ? (times.length - 1) / ((last - first) / 1000) : 0;
    const steadyRate = steady.length > 1 ? (steady.length - 1) / ((steady[steady.length - 1]! - steady[0]!) / 1000) : sendRate;
    const result = {
      bench: "campaign",
      recipients: RECIPIENTS,
      tierPerSecond: TIER,
      campaignStatus: status,
      sent: times.length,
      duplicates: [...perRecipient.values()].filter((n) => n > 1).length,
      missing: RECIPIENTS - perRecipient.size,
      firstSendAfterCreateMs: round(first - startedAt, 0),
      sendSeconds: round((last - first) / 1000, 2),
      sendRatePerSecond: round(sendRate, 1),
      steadyRatePerSecond: round(steadyRate, 1),
      rateVersusTier: round(steadyRate / TIER, 3),
      throttled130429: counts.throttled ?? 0,
      inbound: {
        ratePerSecond: INBOUND_RATE,
        acked: acks.length,
        failed: failedAcks,
        ackP50Ms: round(percentile(acks, 50) ?? 0, 2),
        ackP99Ms: round(percentile(acks, 99) ?? 0, 2),
        ackMaxMs: round(Math.max(0, ...acks), 2),
      },
      recipientStatuses,
      wallSeconds: round((finishedAt - startedAt) / 1000, 1),
      machine: { cpus: cpus().length, loadAvgStart: startLoad, loadAvgEnd: loadavg().map((n) => round(n, 2)) },
    };
    graph.stop();
    app.child.kill("SIGTERM");
    await waitExit(app.child);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * Two builds or settings of the runtime side by side (npm run bench:runtime:versus): the
 * same closed loop as `npm run bench:runtime` (signed webhooks from simulated contacts, 64
 * webhook requests in flight, each contact writing again once its reply has reached the fake
 * Graph API; `--loop=end-to-end` for its 64-messages variant), driven in turns against
 * two app servers — A B | B A | A B | B A — each on a database of its own, with one load
 * generator and one fake Graph API. This machine's speed drifts by ±10–20 % from one minute
 * to the next; whole runs one after the other could not tell a 5 % change from that drift,
 * while turns interleaved like this see the same machine.
 *
 * Like `bench:runtime`, the fake Graph API sends a `sent` and a `delivered` status webhook for
 * every reply back to the app that sent it (batched under load: --status-batch=8,100).
 *
 * Flags: --a-root / --b-root (the checkout each side runs from, default this one: a checkout
 * without server.ts runs with `next start`), --a-dist / --b-dist (a build output folder each,
 * inside that checkout; default NEXT_DIST_DIR or .next-bench), --a-env / --b-env ("NAME=value;NAME=value"), --a-node-args / --b-node-args
 * (default `npm start`'s), --seconds=40 (closed loop per side, in all), --rounds=4 (turns
 * per side), --contacts=2000, --in-flight=64, --numbers=4, --loop=closed|end-to-end.
 * Prints ONE JSON object on stdout (each side's messages/s and CPU per message, and B ÷ A);
 * progress goes to stderr.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { APP_NODE_FLAGS } from "../support/app-server";
import {
  benchChannel,
  closedLoop,
  createBenchDatabase,
  drain,
  endToEnd,
  FAKE_GRAPH_NODE_FLAGS,
  Generator,
  log,
  postgresCpuMs,
  processTree,
  round,
  settle,
  sleep,
  startBenchApp,
  startFakeGraphProcess,
  warmUp,
  webhookLoop,
  BENCH_ROOT,
  benchArgs,
} from "./runtime-load";

const root = BENCH_ROOT;
const args = benchArgs();
const SECONDS = Number(args.get("seconds") ?? 40);
const ROUNDS = Math.max(1, Number(args.get("rounds") ?? 4));
const CONTACTS = Number(args.get("contacts") ?? 2000);
const IN_FLIGHT = Number(args.get("in-flight") ?? 64);
const NUMBERS = Math.max(1, Number(args.get("numbers") ?? 4));
const DEFAULT_DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const BASE_DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const REPLY_TIMEOUT_MS = 30_000;
const LOOP = args.get("loop") ?? "closed";
const STATUS_BATCH = args.get("status-batch") ?? "8,100";
if (LOOP !== "closed" && LOOP !== "end-to-end") throw new Error(`--loop is closed or end-to-end, not ${LOOP}`);

const envOf = (spec: string | undefined) =>
  Object.fromEntries(
    (spec ?? "")
      .split(";")
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
  );

type Side = { name: "A" | "B"; root: string; distDir: string; env: Record<string, string>; nodeArgs: string[] };

function side(name: "A" | "B"): Side {
  const key = name.toLowerCase();
  const sideRoot = path.resolve(args.get(`${key}-root`) ?? root);
  const distDir = args.get(`${key}-dist`) ?? DEFAULT_DIST;
  if (!existsSync(path.join(sideRoot, distDir, "BUILD_ID"))) throw new Error(`no build in ${sideRoot}/${distDir}: run NEXT_DIST_DIR=${distDir} npm run build there first`);
  const nodeArgs = args.get(`${key}-node-args`);
  return { name, root: sideRoot, distDir, env: envOf(args.get(`${key}-env`)), nodeArgs: nodeArgs ? nodeArgs.split(" ").filter(Boolean) : APP_NODE_FLAGS };
}

async function main() {
  const sides = [side("A"), side("B")];
  const admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
  const children: ChildProcess[] = [];
  const drops: (() => Promise<void>)[] = [];
  try {
    const channel = benchChannel(NUMBERS);
    const generator = new Generator(channel.phoneNumberIds, channel.appSecret, CONTACTS);
    const graph = await startFakeGraphProcess(root, FAKE_GRAPH_NODE_FLAGS, channel, generator, STATUS_BATCH);
    children.push(graph.child);
    const apps = [];
    for (const s of sides) {
      const database = await createBenchDatabase(admin, BASE_DATABASE_URL);
      drops.push(database.drop);
      const graphUrl = (port: number) => graph.urlFor(s.name, `http://127.0.0.1:${port}`);
      const { child, port } = await startBenchApp({ root: s.root, distDir: s.distDir, nodeArgs: s.nodeArgs, databaseUrl: database.url, graphUrl, channel, sendRate: 1000, env: s.env });
      children.push(child);
      apps.push({ ...s, child, port, database: database.name, once: endToEnd(generator, port, REPLY_TIMEOUT_MS), turns: [] as { completed: number; seconds: number; appCpuMs: number; pgCpuMs: number }[] });
    }
    // The runtime re-reads its channel list every few seconds.
    await sleep(6_000);
    for (const app of apps) {
      log(`${app.name}: warm-up, one message from each of ${CONTACTS} contacts…`);
      await warmUp(generator, IN_FLIGHT, app.once);
      await graph.statusesDelivered();
    }
    log(`${ROUNDS} turns of ${round(SECONDS / ROUNDS)} s per side, ${IN_FLIGHT} in flight…`);
    for (let r = 0; r < ROUNDS; r++) {
      for (const app of r % 2 === 0 ? apps : [...apps].reverse()) {
        await settle(admin, app.database);
        const app0 = processTree(app.child.pid!).cpuMs;
        const pg0 = await postgresCpuMs(admin, app.database);
        const run =
          LOOP === "closed"
            ? await webhookLoop({ seconds: SECONDS / ROUNDS, inFlight: IN_FLIGHT, generator, port: app.port, timeoutMs: REPLY_TIMEOUT_MS })
            : await closedLoop({ seconds: SECONDS / ROUNDS, inFlight: IN_FLIGHT, pool: generator.contacts, once: app.once });
        const turn = { completed: run.completed, seconds: run.seconds, appCpuMs: processTree(app.child.pid!).cpuMs - app0, pgCpuMs: (await postgresCpuMs(admin, app.database)) - pg0 };
        await drain(generator);
        await graph.statusesDelivered();
        app.turns.push(turn);
        log(`  ${app.name}: ${round(turn.completed / turn.seconds)} messages/s`);
      }
    }
    const summary = apps.map((app) => {
      const completed = app.turns.reduce((n, t) => n + t.completed, 0);
      const seconds = app.turns.reduce((n, t) => n + t.seconds, 0);
      return {
        side: app.name,
        root: app.root,
        distDir: app.distDir,
        env: app.env,
        nodeArgs: app.nodeArgs.join(" "),
        messagesPerSecond: round(completed / seconds),
        turns: app.turns.map((t) => round(t.completed / t.seconds)),
        appCpuMsPerMessage: round(app.turns.reduce((n, t) => n + t.appCpuMs, 0) / Math.max(1, completed), 3),
        postgresCpuMsPerMessage: round(app.turns.reduce((n, t) => n + t.pgCpuMs, 0) / Math.max(1, completed), 3),
      };
    });
    const result = {
      benchmark: "runtime-versus",
      config: { statusWebhooks: STATUS_BATCH, loop: LOOP, contacts: CONTACTS, inFlight: IN_FLIGHT, seconds: SECONDS, rounds: ROUNDS, businessNumbers: NUMBERS },
      a: summary[0],
      b: summary[1],
      bToA: round(summary[1]!.messagesPerSecond / summary[0]!.messagesPerSecond, 3),
      lostReplies: generator.lost(),
      duplicatedReplies: generator.duplicates,
    };
    console.log(JSON.stringify(result, null, 2));
    graph.stop();
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    for (const drop of drops) await drop().catch(() => {});
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

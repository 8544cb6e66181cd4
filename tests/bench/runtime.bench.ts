/**
 * The WhatsApp runtime end to end (npm run bench:runtime): the production server
 * (`npm run build` + the custom server, server.ts) on a fresh PostgreSQL database, signed webhooks from 2,000
 * simulated contacts, replies accepted by the fake Graph API (in its own process).
 *
 * - ceiling: a bare node:http server that verifies the signature and inserts one row per
 *   request into the same PostgreSQL, driven by the same generator (closed loop, 64 webhook
 *   requests in flight), measured in turns with the loops below (--rounds), so all see the
 *   same machine;
 * - closed loop: the same 64 webhook requests in flight, each contact writing again once its
 *   reply has reached the fake Graph API: replies/s, lost and duplicated replies, the app's
 *   peak RSS and CPU, the generator's CPU — and the ratio to the ceiling (the target's figure);
 * - end to end, 64 messages: 64 messages in flight from webhook to reply (a contact has at
 *   most one), the stricter reading earlier sessions measured, bound by a message's round trip;
 * - paced (open loop) at 80/s and 400/s: webhook ack latency and webhook-to-send latency.
 *
 * The contacts write to several business numbers of one Meta app (--numbers=4): Meta sends at
 * most 1,000 messages/s from one number (its highest tier; the runtime's per-number rate limit
 * keeps to it), so one number would measure Meta's cap, not the runtime.
 *
 * Flags: --reuse-build (skip `next build` when the build exists), --keep-db, --seconds=40 (closed loop
 * and ceiling, each, in all), --rounds=4 (turns they are split into), --paced-seconds=15, --contacts=2000, --in-flight=64, --rates=80,400, --numbers=4,
 * --send-rate=1000 (per number), --app-node-args="…" (the app's node flags; default `npm start`'s),
 * --fake-node-args="…" (the fake Graph API's; default --single-threaded-gc), --status-batch=8,100 (the
 * fake's status webhooks: POSTs in flight per app, statuses per POST).
 *
 * Meta's webhook load comes with every reply: the fake Graph API reports a `sent` and then a
 * `delivered` status webhook for each message it accepts, signed, to the app that sent it —
 * batched under load as Meta does (a lone status goes out at once; while 8 POSTs are in flight
 * the statuses waiting travel together, up to 100 per POST). So every phase (warm-up, paced,
 * closed loop, end to end) carries two statuses per reply besides the customer's own webhook; the webhook-alone phase sends no replies, so no statuses.
 * Prints ONE JSON object on stdout; progress goes to stderr.
 */
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { APP_NODE_FLAGS, freePort } from "../support/app-server";
import {
  benchChannel,
  closedLoop,
  createBenchDatabase,
  drain,
  endToEnd as endToEndOf,
  FAKE_GRAPH_NODE_FLAGS,
  Generator,
  ioStallMs,
  log,
  nextTransactionId,
  now,
  percentile,
  postgresCpuMs,
  processTree,
  round,
  settle,
  startCommitProbe,
  sleep,
  startBenchApp,
  startFakeGraphProcess,
  waitExit,
  warmUp,
  webhookLoop,
  BENCH_ROOT,
  benchArgs,
} from "./runtime-load";

const root = BENCH_ROOT;
const args = benchArgs();
const SECONDS = Number(args.get("seconds") ?? 40);
const PACED_SECONDS = Number(args.get("paced-seconds") ?? 15);
/** Turns of ceiling and closed loop (SECONDS in all for each side). */
const ROUNDS = Math.max(1, Number(args.get("rounds") ?? 4));
const CONTACTS = Number(args.get("contacts") ?? 2000);
const IN_FLIGHT = Number(args.get("in-flight") ?? 64);
const RATES = (args.get("rates") ?? "80,400").split(",").map(Number);
const NUMBERS = Math.max(1, Number(args.get("numbers") ?? 4));
const REUSE_BUILD = args.has("reuse-build");
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-bench";
const BASE_DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
/** Per number. Meta raises busy numbers to 1,000 messages/s; the default 80/s tier would cap the 400/s run. */
const SEND_RATE = Number(args.get("send-rate") ?? 1000);
const REPLY_TIMEOUT_MS = 30_000;
const SETTLE_MS = Number(args.get("settle-ms") ?? 5_000);
/** Meta's status webhooks: POSTs in flight per app, statuses per POST at most. */
const STATUS_BATCH = args.get("status-batch") ?? "8,100";
const FAKE_NODE_ARGS = args.has("fake-node-args") ? args.get("fake-node-args")!.split(" ").filter(Boolean) : FAKE_GRAPH_NODE_FLAGS;

// ---------------------------------------------------------------------------------------

async function main() {
  const startLoad = loadavg().map((n) => round(n, 2));
  const distDir = path.join(root, DIST_DIR);
  if (!REUSE_BUILD || !existsSync(path.join(distDir, "BUILD_ID"))) {
    log(`building the production server into ${DIST_DIR}…`);
    execFileSync("npm", ["run", "build"], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: DIST_DIR }, stdio: ["ignore", 2, 2] });
  }

  const admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
  const database = await createBenchDatabase(admin, BASE_DATABASE_URL);
  const dbName = database.name;
  const databaseUrl = database.url;
  const children: ChildProcess[] = [];
  const cleanup = async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    // --keep-db leaves the database behind for a look at what the run wrote (and its plans).
    if (args.has("keep-db")) log(`kept database ${dbName}`);
    else await database.drop().catch(() => {});
    await admin.end();
  };

  try {
    // One Meta app (one app secret, one system-user token) with several business numbers.
    const channel = benchChannel(NUMBERS);
    const generator = new Generator(channel.phoneNumberIds, channel.appSecret, CONTACTS);

    // Fake Graph API, in its own process.
    const graph = await startFakeGraphProcess(root, FAKE_NODE_ARGS, channel, generator, STATUS_BATCH);
    children.push(graph.child);
    // Each app started gets its own route at the fake, so its status webhooks come back to it.
    let apps = 0;
    const graphUrl = (appPort: number) => graph.urlFor(`app${++apps}`, `http://127.0.0.1:${appPort}`);
    const graphCpu = graph.cpuMs;

    // 1. Ceiling server (measured later, in turns with the closed loop).
    const ceilingPort = await freePort();
    const ceiling = fork(path.join(root, "tests/bench/ceiling-server.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, PORT: String(ceilingPort), DATABASE_URL: databaseUrl, CEILING_APP_SECRET: channel.appSecret },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.push(ceiling);
    await new Promise<void>((resolve) => ceiling.on("message", (m: { type: string }) => m.type === "ready" && resolve()));
    const ceilingSegment = async (seconds: number) => {
      const cpu0 = processTree(ceiling.pid!).cpuMs;
      const pg0 = await postgresCpuMs(admin, dbName);
      const xid0 = await nextTransactionId(admin);
      const run = await closedLoop({
        seconds,
        inFlight: IN_FLIGHT,
        pool: generator.contacts,
        once: async (contact) => {
          const r = await generator.send(ceilingPort, contact, "/");
          if (r.status === 200) {
            // The ceiling does not reply: this message is not one to wait for.
            contact.sent--;
            contact.pending.pop();
          }
          return { ok: r.status === 200, ackMs: r.ackMs };
        },
      });
      return {
        ...run,
        serverCpuMs: processTree(ceiling.pid!).cpuMs - cpu0,
        pgCpuMs: (await postgresCpuMs(admin, dbName)) - pg0,
        writeTransactions: (await nextTransactionId(admin)) - xid0,
      };
    };

    // 2. The app.
    // As `npm start` runs it; --app-node-args= replaces the flags.
    const appNodeArgs = args.has("app-node-args") ? args.get("app-node-args")!.split(" ").filter(Boolean) : APP_NODE_FLAGS;
    const startApp = async (extraEnv: Record<string, string> = {}, addNumbers = true) => {
      const started = await startBenchApp({
        root,
        distDir: DIST_DIR,
        nodeArgs: appNodeArgs,
        databaseUrl,
        graphUrl,
        channel,
        sendRate: SEND_RATE,
        env: extraEnv,
        logOutput: args.has("app-log"),
        sqlAfterStart: args.get("sql-after-start"),
        addNumbers,
      });
      children.push(started.child);
      return started;
    };
    const { child: app, port } = await startApp();
    // The runtime re-reads its channel list every few seconds.
    if (NUMBERS > 1) await sleep(6_000);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, processTree(app.pid!).rssMb)), 250);

    const endToEnd = endToEndOf(generator, port, REPLY_TIMEOUT_MS);

    // Warm-up: every contact's first message opens its conversation (and warms the JIT).
    log(`warm-up: one message from each of ${CONTACTS} contacts…`);
    await warmUp(generator, IN_FLIGHT, endToEnd);
    await graph.statusesDelivered();

    // 3. Paced, open loop — before the closed loop: these are steady-state latencies, and right
    // after a 20-second burst at full speed PostgreSQL is still vacuuming that burst's dead rows
    // (the 80/s ack p99 then rose to 50–120 ms). Each rate starts after a few quiet seconds and
    // once autovacuum is done with the warm-up's (or the previous rate's) rows; the vacuuming
    // of a rate's own rows happens during it and counts.
    const paced = [];
    for (const target of RATES) {
      await sleep(SETTLE_MS);
      await settle(admin, dbName);
      log(`paced: ${target} messages/s for ${PACED_SECONDS}s…`);
      generator.replyLatencies = [];
      const acks: number[] = [];
      const lost0 = generator.lost();
      const dup0 = generator.duplicates;
      let sent = 0;
      let refused = 0;
      const start = now();
      const inflight: Promise<unknown>[] = [];
      let cursor = 0;
      const io0 = ioStallMs();
      const probe = await startCommitProbe(databaseUrl);
      while (now() - start < PACED_SECONDS * 1000) {
        const due = Math.floor(((now() - start) / 1000) * target);
        while (sent < due) {
          const contact = generator.contacts[cursor++ % generator.contacts.length]!;
          sent++;
          inflight.push(
            generator.send(port, contact).then((r) => {
              if (r.status === 200) acks.push(r.ackMs);
              else refused++;
            }),
          );
        }
        await sleep(2);
      }
      await Promise.all(inflight);
      const latencies = generator.replyLatencies;
      await drain(generator);
      await graph.statusesDelivered();
      const io1 = ioStallMs();
      const commits = await probe.stop();
      const phase = {
        targetPerSecond: target,
        seconds: PACED_SECONDS,
        sent,
        refused,
        ackP50Ms: percentile(acks, 50),
        ackP99Ms: percentile(acks, 99),
        webhookToSendP50Ms: percentile(latencies, 50),
        webhookToSendP99Ms: percentile(latencies, 99),
        ackMaxMs: percentile(acks, 100),
        // The disk's stalls during the phase (see ioStallMs).
        ioStallSomeMs: io0 && io1 ? round(io1.some - io0.some) : null,
        ioStallFullMs: io0 && io1 ? round(io1.full - io0.full) : null,
        // A lone commit every 50 ms beside the app (see startCommitProbe).
        ...commits,
        lost: generator.lost() - lost0,
        duplicated: generator.duplicates - dup0,
      };
      paced.push(phase);
      log(`paced ${target}/s: ack p99 ${phase.ackP99Ms} ms (max ${phase.ackMaxMs}), webhook-to-send p99 ${phase.webhookToSendP99Ms} ms; disk stalls ${phase.ioStallFullMs ?? "?"} ms; slowest lone commit ${phase.commitProbeMaxMs} ms`);
    }

    // 4. Ceiling, closed loop and the end-to-end variant, in turns: C L E | E L C | C L E | E L C
    // (--rounds, --seconds each in all). This machine's speed drifts by ±10–20 % from one minute
    // to the next (other tenants); measured one after the other, the sides would each catch a
    // different moment. Interleaved, all see the same machine; with an even number of rounds each
    // side's turns sit at the same mean position, so a steady drift cancels. Between turns the
    // loop waits for PostgreSQL's autovacuum of the previous turn's rows to finish, so no side
    // pays for another's dead rows.
    //
    // The two app loops (see webhookLoop and closedLoop in runtime-load.ts):
    // - closed loop, the target's figure: 64 webhook requests in flight, as the ceiling gets;
    //   each contact writes again once its reply has arrived. It measures what the runtime
    //   sustains when Meta keeps 64 deliveries in flight: about 2,000 customers wait for their
    //   answer at any moment, so its webhook-to-send latency is that queue's (the paced runs
    //   measure latency).
    // - end to end, 64 messages (the reading earlier sessions measured): 64 messages in flight
    //   from webhook to reply, a contact at most one. Bound by a message's round trip, it leaves
    //   the app 25–28 webhook requests in flight, well under half the ceiling's.
    const segmentSeconds = SECONDS / ROUNDS;
    const ceilingRuns: Awaited<ReturnType<typeof ceilingSegment>>[] = [];
    const appRuns = { closed: [] as AppTurn[], endToEnd64: [] as AppTurn[] };
    type AppTurn = Awaited<ReturnType<typeof appSegment>>;
    const appSegment = async (loop: "closed" | "endToEnd64", seconds: number) => {
      const appCpu0 = processTree(app.pid!).cpuMs;
      const graphCpu0 = await graphCpu();
      const pgCpu0 = await postgresCpuMs(admin, dbName);
      const xid0 = await nextTransactionId(admin);
      const lost0 = generator.lost();
      const duplicates0 = generator.duplicates;
      const latencies0 = generator.replyLatencies!.length;
      let awaitingSum = 0;
      let awaitingSamples = 0;
      const awaiting = setInterval(() => {
        awaitingSum += generator.outstanding();
        awaitingSamples++;
      }, 100);
      const { accepted, ...run } =
        loop === "closed"
          ? await webhookLoop({ seconds, inFlight: IN_FLIGHT, generator, port, timeoutMs: REPLY_TIMEOUT_MS })
          : { accepted: null, ...(await closedLoop({ seconds, inFlight: IN_FLIGHT, pool: generator.contacts, once: endToEnd })) };
      clearInterval(awaiting);
      const appCpuMs = processTree(app.pid!).cpuMs - appCpu0;
      const graphCpuMs = (await graphCpu()) - graphCpu0;
      // Backends that closed during the run are missed: a lower bound.
      const pgCpuMs = (await postgresCpuMs(admin, dbName)) - pgCpu0;
      await drain(generator);
      await graph.statusesDelivered();
      return {
        ...run,
        appCpuMs,
        graphCpuMs,
        pgCpuMs,
        writeTransactions: (await nextTransactionId(admin)) - xid0,
        // Messages the turn gave the runtime (the closed loop's queue is answered after the turn).
        processed: accepted ?? run.completed,
        messagesAwaitingReply: awaitingSamples ? awaitingSum / awaitingSamples : 0,
        lost: generator.lost() - lost0,
        duplicated: generator.duplicates - duplicates0,
        latencies: generator.replyLatencies!.slice(latencies0),
      };
    };
    log(`ceiling, closed loop and end-to-end-64 in turns: ${ROUNDS} × ${round(segmentSeconds)} s each, ${IN_FLIGHT} in flight…`);
    generator.replyLatencies = [];
    for (let r = 0; r < ROUNDS; r++) {
      const sides = ["ceiling", "closed", "endToEnd64"] as const;
      for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
        await settle(admin, dbName);
        if (side === "ceiling") {
          const run = await ceilingSegment(segmentSeconds);
          ceilingRuns.push(run);
          log(`  ceiling: ${round(run.completed / run.seconds)} requests/s, ${run.webhooksInFlight} webhooks in flight`);
        } else {
          const run = await appSegment(side, segmentSeconds);
          appRuns[side].push(run);
          log(`  ${side === "closed" ? "closed loop" : "end to end, 64 messages"}: ${round(run.completed / run.seconds)} messages/s, ${run.webhooksInFlight} webhooks in flight`);
        }
      }
    }
    const sum = <T,>(list: T[], f: (t: T) => number) => list.reduce((n, t) => n + f(t), 0);
    const ceilingSeconds = sum(ceilingRuns, (r) => r.seconds);
    const ceilingRate = sum(ceilingRuns, (r) => r.completed) / ceilingSeconds;
    const ceilingAcks = ceilingRuns.flatMap((r) => r.acks);
    const percentOf = (ms: number, seconds: number) => round((ms / (seconds * 1000)) * 100);
    const summary = (runs: AppTurn[]) => {
      const seconds = sum(runs, (r) => r.seconds);
      const messages = sum(runs, (r) => r.completed);
      const rate = messages / seconds;
      const acks = runs.flatMap((r) => r.acks);
      const latencies = runs.flatMap((r) => r.latencies);
      const appCpu = percentOf(sum(runs, (r) => r.appCpuMs), seconds);
      return {
        messages,
        messagesPerSecond: round(rate),
        ratioToCeiling: round(rate / ceilingRate, 3),
        lostReplies: sum(runs, (r) => r.lost),
        duplicatedReplies: sum(runs, (r) => r.duplicated),
        timedOut: sum(runs, (r) => r.failed),
        webhooksInFlight: round(sum(runs, (r) => r.webhooksInFlight * r.seconds) / seconds, 1),
        messagesAwaitingReply: round(sum(runs, (r) => r.messagesAwaitingReply * r.seconds) / seconds),
        ackP50Ms: percentile(acks, 50),
        ackP99Ms: percentile(acks, 99),
        webhookToSendP50Ms: percentile(latencies, 50),
        webhookToSendP99Ms: percentile(latencies, 99),
        appPeakRssMb: round(peakRss),
        appCpuPercent: appCpu,
        appCpuMsPerMessage: round((appCpu * seconds * 10) / Math.max(1, messages), 3),
        fakeGraphCpuPercent: percentOf(sum(runs, (r) => r.graphCpuMs), seconds),
        postgresCpuPercent: percentOf(sum(runs, (r) => r.pgCpuMs), seconds),
        postgresWriteTransactionsPerMessage: round(sum(runs, (r) => r.writeTransactions) / Math.max(1, sum(runs, (r) => r.processed)), 2),
        loadGeneratorCpuPercent: round(sum(runs, (r) => r.generatorCpuPercent * r.seconds) / seconds),
      };
    };
    const closed = summary(appRuns.closed);
    const endToEnd64 = summary(appRuns.endToEnd64);
    const turns = ceilingRuns.map((c, i) => {
      const ceilingPerSecond = c.completed / c.seconds;
      const perSecond = (run: AppTurn | undefined) => (run ? run.completed / run.seconds : 0);
      return {
        ceilingRequestsPerSecond: round(ceilingPerSecond),
        closedLoopMessagesPerSecond: round(perSecond(appRuns.closed[i])),
        ratio: round(perSecond(appRuns.closed[i]) / ceilingPerSecond, 3),
        endToEnd64MessagesPerSecond: round(perSecond(appRuns.endToEnd64[i])),
        endToEnd64Ratio: round(perSecond(appRuns.endToEnd64[i]) / ceilingPerSecond, 3),
      };
    });
    log(`closed loop: ${closed.messagesPerSecond} messages/s end to end, ceiling ${round(ceilingRate)} requests/s (${round(closed.ratioToCeiling * 100)} %)`);
    log(`end to end, 64 messages: ${endToEnd64.messagesPerSecond} messages/s (${round(endToEnd64.ratioToCeiling * 100)} %)`);
    ceiling.kill("SIGTERM");
    await waitExit(ceiling);

    clearInterval(sampler);
    app.kill("SIGTERM");
    await Promise.race([waitExit(app), sleep(5000)]);

    // 5. Diagnostic: the webhook route alone (background loops off) — what Next.js and the
    // ingest cost before any processing.
    log("webhook only (RUNTIME_DISABLED=1)…");
    const ingestOnly = await startApp({ RUNTIME_DISABLED: "1" }, false);
    const ingestCpu0 = processTree(ingestOnly.child.pid!).cpuMs;
    const webhookRun = await closedLoop({
      seconds: Math.min(SECONDS, 10),
      inFlight: IN_FLIGHT,
      pool: generator.contacts,
      once: async (contact) => {
        const r = await generator.send(ingestOnly.port, contact);
        contact.pending.length = 0;
        contact.sent = contact.replied;
        return { ok: r.status === 200, ackMs: r.ackMs };
      },
    });
    const webhookOnly = {
      requestsPerSecond: round(webhookRun.completed / webhookRun.seconds),
      ackP50Ms: percentile(webhookRun.acks, 50),
      ackP99Ms: percentile(webhookRun.acks, 99),
      appCpuMsPerRequest: round((processTree(ingestOnly.child.pid!).cpuMs - ingestCpu0) / Math.max(1, webhookRun.completed), 3),
    };
    ingestOnly.child.kill("SIGTERM");
    await Promise.race([waitExit(ingestOnly.child), sleep(5000)]);

    const result = {
      benchmark: "runtime",
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverageAtStart: startLoad },
      config: { contacts: CONTACTS, inFlight: IN_FLIGHT, seconds: SECONDS, rounds: ROUNDS, pacedSeconds: PACED_SECONDS, businessNumbers: NUMBERS, sendRatePerSecondPerNumber: SEND_RATE, appNodeArgs: appNodeArgs.join(" "), fakeGraphNodeArgs: FAKE_NODE_ARGS.join(" "), statusWebhooks: `sent + delivered per reply, batched: ${STATUS_BATCH} (POSTs in flight per app, statuses per POST)`, flow: "demo «Menú principal», text «menu» → one interactive reply + mark-as-read" },
      ceiling: {
        requestsPerSecond: round(ceilingRate),
        webhooksInFlight: round(sum(ceilingRuns, (r) => r.webhooksInFlight * r.seconds) / ceilingSeconds, 1),
        ackP50Ms: percentile(ceilingAcks, 50),
        ackP99Ms: percentile(ceilingAcks, 99),
        serverCpuPercent: percentOf(sum(ceilingRuns, (r) => r.serverCpuMs), ceilingSeconds),
        postgresCpuPercent: percentOf(sum(ceilingRuns, (r) => r.pgCpuMs), ceilingSeconds),
        postgresWriteTransactionsPerRequest: round(sum(ceilingRuns, (r) => r.writeTransactions) / Math.max(1, sum(ceilingRuns, (r) => r.completed)), 2),
        loadGeneratorCpuPercent: round(sum(ceilingRuns, (r) => r.generatorCpuPercent * r.seconds) / ceilingSeconds),
      },
      closedLoop: { load: `${IN_FLIGHT} webhook requests in flight, as the ceiling; each contact writes again once its reply has arrived`, ...closed },
      endToEnd64: { load: `${IN_FLIGHT} messages in flight from webhook to reply, a contact at most one`, ...endToEnd64 },
      turns,
      paced,
      webhookOnly,
      targets: { ratioToCeilingMin: 0.4, ackP99MaxMs: 50, webhookToSendP99MaxMs: 250, lostAndDuplicated: 0 },
      pass: {
        ratio: closed.ratioToCeiling >= 0.4,
        noLossNoDuplicates: [closed, endToEnd64].every((l) => l.lostReplies === 0 && l.duplicatedReplies === 0) && paced.every((p) => p.lost === 0 && p.duplicated === 0),
        ack: paced.every((p) => (p.ackP99Ms ?? Infinity) <= 50),
        webhookToSend: paced.every((p) => (p.webhookToSendP99Ms ?? Infinity) <= 250),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    graph.stop();
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

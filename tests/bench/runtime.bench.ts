/**
 * The WhatsApp runtime end to end (npm run bench:runtime): the production server
 * (`next build` + `next start`) on a fresh PostgreSQL database, signed webhooks from 2,000
 * simulated contacts, replies accepted by the fake Graph API (in its own process).
 *
 * - ceiling: a bare node:http server that verifies the signature and inserts one row per
 *   request into the same PostgreSQL, driven by the same generator (closed loop, 64 in flight),
 *   measured in turns with the closed loop below (--rounds), so both see the same machine;
 * - closed loop: 64 messages in flight (a contact has at most one), each complete when its
 *   reply reaches the fake Graph API: messages/s, lost and duplicated replies, the app's peak
 *   RSS and CPU, the generator's CPU — and the ratio to the ceiling;
 * - paced (open loop) at 80/s and 400/s: webhook ack latency and webhook-to-send latency.
 *
 * The contacts write to several business numbers of one Meta app (--numbers=4): Meta sends at
 * most 1,000 messages/s from one number (its highest tier; the runtime's per-number rate limit
 * keeps to it), so one number would measure Meta's cap, not the runtime.
 *
 * Flags: --reuse-build (skip `next build` when the build exists), --keep-db, --seconds=30 (closed loop
 * and ceiling, each, in all), --rounds=3 (turns they are split into), --paced-seconds=15, --contacts=2000, --in-flight=64, --rates=80,400, --numbers=4,
 * --send-rate=1000 (per number), --app-node-args="…" (the app's node flags; default `npm start`'s),
 * --fake-node-args="…" (the fake Graph API's; default --single-threaded-gc).
 * Prints ONE JSON object on stdout; progress goes to stderr.
 */
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { APP_NODE_FLAGS, freePort } from "../support/app-server";

const root = path.resolve(import.meta.dirname, "../..");
const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, "").split("=");
    return [k!, v.length ? v.join("=") : "true"] as const;
  }),
);
const SECONDS = Number(args.get("seconds") ?? 30);
const PACED_SECONDS = Number(args.get("paced-seconds") ?? 15);
/** Turns of ceiling and closed loop (SECONDS in all for each side). */
const ROUNDS = Math.max(1, Number(args.get("rounds") ?? 3));
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
/**
 * Meta's servers do not share our cores; the fake that stands in for them does, so it runs
 * lean: V8's single-threaded GC, as the app (parallel GC helpers took the app's core).
 */
const FAKE_NODE_ARGS = (args.get("fake-node-args") ?? "--single-threaded-gc").split(" ").filter(Boolean);

const log = (...parts: unknown[]) => console.error("[bench]", ...parts);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------
// Processes

/**
 * Linux's pressure-stall times for block I/O (/proc/pressure/io), in ms since boot: `some`
 * while at least one task waited for the disk, `full` while every non-idle task did. Null
 * where the kernel does not report them. A paced phase whose ack p99 jumps while `full`
 * grows by about as much was held up by the disk (commit fsyncs), not by the app.
 */
function ioStallMs(): { some: number; full: number } | null {
  try {
    const lines = readFileSync("/proc/pressure/io", "utf8").split("\n");
    const total = (kind: string) => Number(/total=(\d+)/.exec(lines.find((l) => l.startsWith(kind)) ?? "")?.[1] ?? NaN) / 1000;
    const some = total("some");
    const full = total("full");
    return Number.isFinite(some) && Number.isFinite(full) ? { some, full } : null;
  } catch {
    return null;
  }
}

/** utime+stime (ms) and RSS (MB) of a process and its descendants, from /proc. */
function processTree(pid: number): { cpuMs: number; rssMb: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  let cpuMs = 0;
  let rssMb = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8").slice(readFileSync(`/proc/${p}/stat`, "utf8").lastIndexOf(")") + 2).split(" ");
      cpuMs += ((Number(stat[11]) + Number(stat[12])) * 1000) / 100;
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      rssMb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return { cpuMs, rssMb };
}

/** CPU (ms) of the PostgreSQL backends serving one database (the benchmark's own). */
async function postgresCpuMs(admin: postgres.Sql, database: string): Promise<number> {
  const rows = await admin`select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  return rows.reduce((sum, r) => sum + processTree(Number(r.pid)).cpuMs, 0);
}

function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output()}`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------------------
// Load generator (node:http keep-alive: the cheapest client Node has)

const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });

function postRaw(port: number, pathname: string, body: string, signature: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-hub-signature-256": signature } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

type Contact = { waId: string; name: string; phoneNumberId: string; sent: number; replied: number; pending: number[] };

class Generator {
  contacts: Contact[];
  private byWaId = new Map<string, Contact>();
  private waiters = new Map<string, (at: number) => void>();
  duplicates = 0;
  replyLatencies: number[] | null = null;
  constructor(
    phoneNumberIds: string[],
    private appSecret: string,
    count: number,
  ) {
    this.contacts = Array.from({ length: count }, (_, i) => ({
      waId: `55119${String(i).padStart(8, "0")}`,
      name: `Cliente ${i}`,
      phoneNumberId: phoneNumberIds[i % phoneNumberIds.length]!,
      sent: 0,
      replied: 0,
      pending: [],
    }));
    for (const c of this.contacts) this.byWaId.set(c.waId, c);
  }

  body(contact: Contact): { body: string; wamid: string } {
    const wamid = `wamid.BENCH${randomBytes(12).toString("hex")}`;
    const body = `{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"${contact.phoneNumberId}"},"contacts":[{"profile":{"name":"${contact.name}"},"wa_id":"${contact.waId}"}],"messages":[{"from":"${contact.waId}","id":"${wamid}","timestamp":"${Math.floor(Date.now() / 1000)}","type":"text","text":{"body":"menu"}}]}}]}]}`;
    return { body, wamid };
  }

  /** Posts one message of `contact`; resolves with the HTTP status and the ack latency. */
  async send(port: number, contact: Contact, pathname = "/api/webhooks/whatsapp"): Promise<{ status: number; ackMs: number; startedAt: number }> {
    const { body } = this.body(contact);
    const signature = `sha256=${createHmac("sha256", this.appSecret).update(body).digest("hex")}`;
    const startedAt = now();
    contact.sent++;
    contact.pending.push(startedAt);
    const status = await postRaw(port, pathname, body, signature);
    if (status !== 200) {
      contact.sent--;
      contact.pending.splice(contact.pending.indexOf(startedAt), 1);
    }
    return { status, ackMs: now() - startedAt, startedAt };
  }

  onReply(to: string, at: number): void {
    const contact = this.byWaId.get(to);
    if (!contact) return;
    const startedAt = contact.pending.shift();
    if (startedAt === undefined) {
      this.duplicates++;
      return;
    }
    contact.replied++;
    this.replyLatencies?.push(at - startedAt);
    this.waiters.get(to)?.(at);
  }

  waitReply(contact: Contact, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(contact.waId);
        resolve(false);
      }, timeoutMs);
      this.waiters.set(contact.waId, () => {
        clearTimeout(timer);
        this.waiters.delete(contact.waId);
        resolve(true);
      });
    });
  }

  outstanding(): number {
    return this.contacts.reduce((n, c) => n + c.pending.length, 0);
  }

  lost(): number {
    return this.contacts.reduce((n, c) => n + Math.max(0, c.sent - c.replied), 0);
  }
}

/** Closed loop: `inFlight` workers, each sends a message of an idle contact and waits for its completion. */
async function closedLoop(options: { seconds: number; inFlight: number; pool: Contact[]; once: (contact: Contact) => Promise<{ ok: boolean; ackMs: number }> }) {
  const idle = [...options.pool];
  const acks: number[] = [];
  let completed = 0;
  let failed = 0;
  const cpuBefore = process.cpuUsage();
  const start = now();
  const deadline = start + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.inFlight }, async () => {
      while (now() < deadline) {
        const contact = idle.shift();
        if (!contact) {
          await sleep(1);
          continue;
        }
        const result = await options.once(contact);
        acks.push(result.ackMs);
        if (result.ok) completed++;
        else failed++;
        idle.push(contact);
      }
    }),
  );
  const seconds = (now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { completed, failed, seconds, acks, generatorCpuPercent: round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100) };
}

// ---------------------------------------------------------------------------------------

async function main() {
  const startLoad = loadavg().map((n) => round(n, 2));
  const distDir = path.join(root, DIST_DIR);
  if (!REUSE_BUILD || !existsSync(path.join(distDir, "BUILD_ID"))) {
    log(`building the production server into ${DIST_DIR}…`);
    execFileSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: DIST_DIR }, stdio: ["ignore", 2, 2] });
  }

  const dbName = `atendo_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const dbUrl = new URL(BASE_DATABASE_URL);
  dbUrl.pathname = `/${dbName}`;
  const databaseUrl = dbUrl.toString();
  const children: ChildProcess[] = [];
  const cleanup = async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    // --keep-db leaves the database behind for a look at what the run wrote (and its plans).
    if (args.has("keep-db")) log(`kept database ${dbName}`);
    else await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end();
  };

  try {
    // One Meta app (one app secret, one system-user token) with several business numbers.
    const phoneNumberIds = Array.from({ length: NUMBERS }, (_, i) => String(155500099001 + i));
    const channel = { phoneNumberId: phoneNumberIds[0]!, accessToken: `EAAbench${randomBytes(8).toString("hex")}`, appSecret: randomBytes(16).toString("hex"), verifyToken: "bench" };
    const generator = new Generator(phoneNumberIds, channel.appSecret, CONTACTS);

    // Fake Graph API, in its own process.
    const graph = fork(path.join(root, "tests/bench/fake-graph-process.ts"), [], {
      execArgv: [...FAKE_NODE_ARGS, "--import", "tsx"],
      env: { ...process.env, FAKE_GRAPH_TOKENS: JSON.stringify(Object.fromEntries(phoneNumberIds.map((id) => [id, channel.accessToken]))) },
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    children.push(graph);
    const graphUrl = await new Promise<string>((resolve) =>
      graph.on("message", (msg: { type: string; url?: string; replies?: [string, number][] }) => {
        if (msg.type === "ready") resolve(msg.url!);
        if (msg.type === "replies") for (const [to, at] of msg.replies!) generator.onReply(to, at);
      }),
    );
    const graphCpu = () =>
      new Promise<number>((resolve) => {
        const listener = (msg: { type: string; cpu?: NodeJS.CpuUsage }) => {
          if (msg.type !== "counts") return;
          graph.off("message", listener);
          resolve((msg.cpu!.user + msg.cpu!.system) / 1000);
        };
        graph.on("message", listener);
        graph.send({ type: "counts" });
      });

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
      return { ...run, serverCpuMs: processTree(ceiling.pid!).cpuMs - cpu0, pgCpuMs: (await postgresCpuMs(admin, dbName)) - pg0 };
    };

    // 2. The app.
    // As `npm start` runs it; --app-node-args= replaces the flags.
    const appNodeArgs = args.has("app-node-args") ? args.get("app-node-args")!.split(" ").filter(Boolean) : APP_NODE_FLAGS;
    const startApp = async (extraEnv: Record<string, string> = {}) => {
      const port = await freePort();
      let output = "";
      const child = spawn(process.execPath, [...appNodeArgs, path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: "production",
          NEXT_DIST_DIR: DIST_DIR,
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          NEXTAUTH_URL: `http://127.0.0.1:${port}`,
          NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
          NEXT_MANUAL_SIG_HANDLE: "true",
          SEED_DEMO: "1",
          WHATSAPP_GRAPH_URL: graphUrl,
          WHATSAPP_PHONE_NUMBER_ID: channel.phoneNumberId,
          WHATSAPP_ACCESS_TOKEN: channel.accessToken,
          WHATSAPP_APP_SECRET: channel.appSecret,
          WHATSAPP_VERIFY_TOKEN: channel.verifyToken,
          ...extraEnv,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      child.stdout!.on("data", (d) => (output = (output + d).slice(-20_000)));
      child.stderr!.on("data", (d) => (output = (output + d).slice(-20_000)));
      if (args.has("app-log")) {
        child.stdout!.pipe(process.stderr);
        child.stderr!.pipe(process.stderr);
      }
      await waitHealthy(`http://127.0.0.1:${port}/api/health`, child, () => output);
      return { child, port };
    };
    const { child: app, port } = await startApp();
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    // The other numbers: copies of the seeded channel (same sealed secrets, same flow) — what
    // an admin connecting more numbers of the same app ends up with.
    for (const id of phoneNumberIds.slice(1)) {
      await sql`insert into channels (name, phone_number_id, display_number, verify_token_enc, app_secret_enc, access_token_enc, sandbox, is_default, flow_id)
        select ${`Bench ${id}`}, ${id}, ${`+${id}`}, verify_token_enc, app_secret_enc, access_token_enc, false, false, flow_id
        from channels where phone_number_id = ${channel.phoneNumberId}`;
    }
    await sql`update channels set send_rate_per_second = ${SEND_RATE} where phone_number_id = any(${phoneNumberIds})`;
    if (args.has("sql-after-start")) await sql.unsafe(args.get("sql-after-start")!);
    await sql.end();
    // The runtime re-reads its channel list every few seconds.
    if (NUMBERS > 1) await sleep(6_000);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, processTree(app.pid!).rssMb)), 250);

    const endToEnd = async (contact: Contact) => {
      const wait = generator.waitReply(contact, REPLY_TIMEOUT_MS);
      const r = await generator.send(port, contact);
      if (r.status !== 200) return { ok: false, ackMs: r.ackMs };
      return { ok: await wait, ackMs: r.ackMs };
    };

    // Warm-up: every contact's first message opens its conversation (and warms the JIT).
    log(`warm-up: one message from each of ${CONTACTS} contacts…`);
    {
      const queue = [...generator.contacts];
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          for (let c = queue.shift(); c; c = queue.shift()) await endToEnd(c);
        }),
      );
    }

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
      const io1 = ioStallMs();
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
        lost: generator.lost() - lost0,
        duplicated: generator.duplicates - dup0,
      };
      paced.push(phase);
      log(`paced ${target}/s: ack p99 ${phase.ackP99Ms} ms (max ${phase.ackMaxMs}), webhook-to-send p99 ${phase.webhookToSendP99Ms} ms; disk stalls ${phase.ioStallFullMs ?? "?"} ms`);
    }

    // 4. Closed loop and ceiling, in turns: C L | L C | C L … (--rounds, --seconds each in all).
    // This machine's speed drifts by ±10 % from one minute to the next (other tenants); measured
    // one after the other, the two would each catch a different moment. Alternating, in an order
    // that cancels a steady drift, both see the same machine. Between turns the loop waits for
    // PostgreSQL's autovacuum of the previous turn's rows to finish, so neither side pays for the
    // other's dead rows.
    const segmentSeconds = SECONDS / ROUNDS;
    const ceilingRuns: Awaited<ReturnType<typeof ceilingSegment>>[] = [];
    const closedRuns: Awaited<ReturnType<typeof closedSegment>>[] = [];
    const closedSegment = async (seconds: number) => {
      const appCpu0 = processTree(app.pid!).cpuMs;
      const graphCpu0 = await graphCpu();
      const pgCpu0 = await postgresCpuMs(admin, dbName);
      const latencies0 = generator.replyLatencies!.length;
      const run = await closedLoop({ seconds, inFlight: IN_FLIGHT, pool: generator.contacts, once: endToEnd });
      const appCpuMs = processTree(app.pid!).cpuMs - appCpu0;
      const graphCpuMs = (await graphCpu()) - graphCpu0;
      // Backends that closed during the run are missed: a lower bound.
      const pgCpuMs = (await postgresCpuMs(admin, dbName)) - pgCpu0;
      await drain(generator);
      return { ...run, appCpuMs, graphCpuMs, pgCpuMs, latencies: generator.replyLatencies!.slice(latencies0) };
    };
    // Commits: PostgreSQL publishes a backend's counters when it goes idle, or up to 10 s later
    // when it did so less than a second before — so a turn's figure would carry the previous
    // turn's. Counted over all the turns instead, each end read after 11 quiet seconds, minus the
    // ceiling's (one per request); the app's idle polling between turns adds a few hundred.
    const commits = async () => {
      await sleep(11_000);
      return Number((await admin`select xact_commit from pg_stat_database where datname = ${dbName}`)[0]?.xact_commit ?? 0);
    };
    const commitsBefore = await commits();
    log(`closed loop and ceiling in turns: ${ROUNDS} × ${round(segmentSeconds)} s each, ${IN_FLIGHT} in flight…`);
    generator.replyLatencies = [];
    const lostBefore = generator.lost();
    const duplicatesBefore = generator.duplicates;
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (["ceiling", "closed"] as const) : (["closed", "ceiling"] as const);
      for (const side of order) {
        await settle(admin, dbName);
        if (side === "ceiling") {
          const run = await ceilingSegment(segmentSeconds);
          ceilingRuns.push(run);
          log(`  ceiling: ${round(run.completed / run.seconds)} requests/s`);
        } else {
          const run = await closedSegment(segmentSeconds);
          closedRuns.push(run);
          log(`  closed loop: ${round(run.completed / run.seconds)} messages/s`);
        }
      }
    }
    const sum = <T,>(list: T[], f: (t: T) => number) => list.reduce((n, t) => n + f(t), 0);
    const ceilingSeconds = sum(ceilingRuns, (r) => r.seconds);
    const ceilingRate = sum(ceilingRuns, (r) => r.completed) / ceilingSeconds;
    const ceilingAcks = ceilingRuns.flatMap((r) => r.acks);
    const ceilingServerCpu = round((sum(ceilingRuns, (r) => r.serverCpuMs) / (ceilingSeconds * 1000)) * 100);
    const ceilingPgCpu = round((sum(ceilingRuns, (r) => r.pgCpuMs) / (ceilingSeconds * 1000)) * 100);
    const ceilingGeneratorCpu = round(sum(ceilingRuns, (r) => r.generatorCpuPercent * r.seconds) / ceilingSeconds);
    const closedSeconds = sum(closedRuns, (r) => r.seconds);
    const closedCompleted = sum(closedRuns, (r) => r.completed);
    const closed = {
      completed: closedCompleted,
      failed: sum(closedRuns, (r) => r.failed),
      seconds: closedSeconds,
      acks: closedRuns.flatMap((r) => r.acks),
      generatorCpuPercent: round(sum(closedRuns, (r) => r.generatorCpuPercent * r.seconds) / closedSeconds),
    };
    const appCpu = round((sum(closedRuns, (r) => r.appCpuMs) / (closedSeconds * 1000)) * 100);
    const fakeGraphCpu = round((sum(closedRuns, (r) => r.graphCpuMs) / (closedSeconds * 1000)) * 100);
    const postgresCpu = round((sum(closedRuns, (r) => r.pgCpuMs) / (closedSeconds * 1000)) * 100);
    const commitsPerMessage = round(((await commits()) - commitsBefore - sum(ceilingRuns, (r) => r.completed)) / Math.max(1, closedCompleted), 2);
    const closedLatencies = closedRuns.flatMap((r) => r.latencies);
    const closedLost = generator.lost() - lostBefore;
    const closedDuplicates = generator.duplicates - duplicatesBefore;
    const rate = closedCompleted / closedSeconds;
    const turns = closedRuns.map((c, i) => ({
      ceilingRequestsPerSecond: round(ceilingRuns[i]!.completed / ceilingRuns[i]!.seconds),
      closedLoopMessagesPerSecond: round(c.completed / c.seconds),
      ratio: round(c.completed / c.seconds / (ceilingRuns[i]!.completed / ceilingRuns[i]!.seconds), 3),
    }));
    log(`closed loop: ${round(rate)} messages/s end to end, ceiling ${round(ceilingRate)} requests/s (${round((rate / ceilingRate) * 100)} %)`);
    ceiling.kill("SIGTERM");
    await waitExit(ceiling);

    clearInterval(sampler);
    app.kill("SIGTERM");
    await Promise.race([waitExit(app), sleep(5000)]);

    // 5. Diagnostic: the webhook route alone (background loops off) — what Next.js and the
    // ingest cost before any processing.
    log("webhook only (RUNTIME_DISABLED=1)…");
    const ingestOnly = await startApp({ RUNTIME_DISABLED: "1" });
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
      config: { contacts: CONTACTS, inFlight: IN_FLIGHT, seconds: SECONDS, rounds: ROUNDS, pacedSeconds: PACED_SECONDS, businessNumbers: NUMBERS, sendRatePerSecondPerNumber: SEND_RATE, appNodeArgs: appNodeArgs.join(" "), fakeGraphNodeArgs: FAKE_NODE_ARGS.join(" "), flow: "demo «Menú principal», text «menu» → one interactive reply + mark-as-read" },
      ceiling: {
        requestsPerSecond: round(ceilingRate),
        ackP50Ms: percentile(ceilingAcks, 50),
        ackP99Ms: percentile(ceilingAcks, 99),
        serverCpuPercent: ceilingServerCpu,
        postgresCpuPercent: ceilingPgCpu,
        loadGeneratorCpuPercent: ceilingGeneratorCpu,
      },
      closedLoop: {
        messages: closed.completed,
        messagesPerSecond: round(rate),
        ratioToCeiling: round(rate / ceilingRate, 3),
        lostReplies: closedLost,
        duplicatedReplies: closedDuplicates,
        timedOut: closed.failed,
        ackP50Ms: percentile(closed.acks, 50),
        ackP99Ms: percentile(closed.acks, 99),
        webhookToSendP50Ms: percentile(closedLatencies, 50),
        webhookToSendP99Ms: percentile(closedLatencies, 99),
        appPeakRssMb: round(peakRss),
        appCpuPercent: appCpu,
        appCpuMsPerMessage: round((appCpu * closed.seconds * 10) / Math.max(1, closed.completed), 3),
        fakeGraphCpuPercent: fakeGraphCpu,
        postgresCpuPercent: postgresCpu,
        postgresCommitsPerMessage: commitsPerMessage,
        loadGeneratorCpuPercent: closed.generatorCpuPercent,
      },
      turns,
      paced,
      webhookOnly,
      targets: { ratioToCeilingMin: 0.4, ackP99MaxMs: 50, webhookToSendP99MaxMs: 250, lostAndDuplicated: 0 },
      pass: {
        ratio: rate / ceilingRate >= 0.4,
        noLossNoDuplicates: closedLost === 0 && closedDuplicates === 0 && paced.every((p) => p.lost === 0 && p.duplicated === 0),
        ack: paced.every((p) => (p.ackP99Ms ?? Infinity) <= 50),
        webhookToSend: paced.every((p) => (p.webhookToSendP99Ms ?? Infinity) <= 250),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    graph.send({ type: "stop" });
  } finally {
    await cleanup();
  }
}

/**
 * A quiet moment before a measured turn: two seconds, then until no autovacuum worker is busy
 * with the benchmark's database (at most 15 s more).
 */
async function settle(admin: postgres.Sql, database: string) {
  await sleep(2_000);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const [row] = await admin`select count(*)::int as n from pg_stat_activity where datname = ${database} and backend_type = 'autovacuum worker'`;
    if (!row?.n) return;
    await sleep(250);
  }
}

/** Waits until every accepted message is answered (or the answers stop coming). */
async function drain(generator: Generator) {
  let last = generator.outstanding();
  let still = 0;
  while (generator.outstanding() > 0 && still < 100) {
    await sleep(100);
    const n = generator.outstanding();
    still = n === last ? still + 1 : 0;
    last = n;
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

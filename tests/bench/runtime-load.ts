/**
 * The runtime benchmarks' load generator and the processes around it (npm run bench:runtime,
 * npm run bench:runtime:versus): signed webhooks from simulated contacts over a keep-alive
 * agent, a closed loop that waits for each reply at the fake Graph API, and the /proc readings
 * of CPU and memory.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import postgres from "postgres";
import { freePort } from "../support/app-server";

/** The project's root folder. */
export const BENCH_ROOT = path.resolve(import.meta.dirname, "../..");

/** `--name=value` flags (a bare `--name` is "true"). */
export function benchArgs(): Map<string, string> {
  return new Map(
    process.argv.slice(2).map((a) => {
      const [k, ...v] = a.replace(/^--/, "").split("=");
      return [k!, v.length ? v.join("=") : "true"] as const;
    }),
  );
}

/** Progress on stderr, stamped with UTC time to line it up with PostgreSQL's log (checkpoints). */
export const log = (...parts: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
}
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------
// Processes

/**
 * Linux's pressure-stall times for block I/O (/proc/pressure/io), in ms since boot: `some`
 * while at least one task waited for the disk, `full` while every non-idle task did. Null
 * where the kernel does not report them. A paced phase whose ack p99 jumps while `full`
 * grows by about as much was held up by the disk (commit fsyncs), not by the app.
 */
export function ioStallMs(): { some: number; full: number } | null {
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

/**
 * A lone commit every 50 ms on a connection of its own, beside the app: how long PostgreSQL
 * and the disk take to commit, whatever the app is doing. When the webhook's acks stall and
 * this probe stalls with them, the commit path stalled (an ack waits for its commit) — or this
 * process, which times both; when the probe stays fast, the stall was the app's.
 */
export async function startCommitProbe(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`create table if not exists bench_commit_probe (id bigserial primary key, at timestamptz not null default now())`;
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = now();
      await sql`insert into bench_commit_probe default values`;
      latencies.push(now() - started);
      await sleep(50);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sql.end();
      return { commitProbeP50Ms: percentile(latencies, 50), commitProbeMaxMs: percentile(latencies, 100) };
    },
  };
}

/** utime+stime (ms) and RSS (MB) of a process and its descendants, from /proc. */
export function processTree(pid: number): { cpuMs: number; rssMb: number } {
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
export async function postgresCpuMs(admin: postgres.Sql, database: string): Promise<number> {
  const rows = await admin`select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  return rows.reduce((sum, r) => sum + processTree(Number(r.pid)).cpuMs, 0);
}

/**
 * The transaction id PostgreSQL will assign next (assigning none itself). Its difference over a
 * turn counts the turn's write transactions, at once — `pg_stat_database.xact_commit` is
 * published by idle backends up to ten seconds late. Read-only transactions get no id and are
 * not counted; ids are cluster-wide, so this assumes nothing else writes meanwhile.
 */
export async function nextTransactionId(admin: postgres.Sql): Promise<number> {
  const [row] = await admin`select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as xid`;
  return Number(row?.xid ?? 0);
}

export function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

export async function waitHealthy(url: string, child: ChildProcess, output: () => string) {
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

export const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });

export function postRaw(port: number, pathname: string, body: string, signature: string): Promise<number> {
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

export type Contact = { waId: string; name: string; phoneNumberId: string; sent: number; replied: number; pending: number[] };

export class Generator {
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
export async function closedLoop(options: { seconds: number; inFlight: number; pool: Contact[]; once: (contact: Contact) => Promise<{ ok: boolean; ackMs: number }> }) {
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
  return { completed, failed, ...turnFigures(acks, (now() - start) / 1000, cpuBefore) };
}

/** What both loops report of a turn: its acks, the webhooks in flight and the generator's CPU. */
function turnFigures(acks: number[], seconds: number, cpuBefore: NodeJS.CpuUsage) {
  const cpu = process.cpuUsage(cpuBefore);
  return {
    seconds,
    acks,
    /** Mean webhook requests in flight over the turn (Little's law: total ack time ÷ duration). */
    webhooksInFlight: round(acks.reduce((n, ms) => n + ms, 0) / (seconds * 1000), 1),
    generatorCpuPercent: round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100),
  };
}

/**
 * Closed loop of webhook requests, the ceiling's own load: `inFlight` workers, each posts a
 * webhook, waits for its 200 and posts the next — so the app gets the same 64 requests in
 * flight as the ceiling. Each contact is a customer who writes again only once the reply to
 * the last message has reached the fake Graph API, so what is accepted and not yet answered
 * is bounded by the contacts (a steady state, not a growing backlog); when every contact is
 * waiting for its reply, the workers wait too. Counted: replies that arrived within the turn.
 */
export async function webhookLoop(options: { seconds: number; inFlight: number; generator: Generator; port: number; timeoutMs: number }) {
  const { generator, port } = options;
  const idle = [...generator.contacts];
  const wakeOne: (() => void)[] = [];
  const release = (contact: Contact) => {
    idle.push(contact);
    wakeOne.shift()?.();
  };
  const acks: number[] = [];
  let completed = 0;
  let accepted = 0;
  let failed = 0;
  const cpuBefore = process.cpuUsage();
  const start = now();
  const deadline = start + options.seconds * 1000;
  const stop = setTimeout(() => {
    for (const wake of wakeOne.splice(0)) wake();
  }, options.seconds * 1000);
  await Promise.all(
    Array.from({ length: options.inFlight }, async () => {
      while (now() < deadline) {
        const contact = idle.shift();
        if (!contact) {
          await new Promise<void>((resolve) => wakeOne.push(resolve));
          continue;
        }
        const reply = generator.waitReply(contact, options.timeoutMs);
        const r = await generator.send(port, contact);
        acks.push(r.ackMs);
        if (r.status !== 200) {
          failed++;
          release(contact);
          continue;
        }
        accepted++;
        void reply.then((ok) => {
          if (!ok) failed++;
          else if (now() <= deadline) completed++;
          release(contact);
        });
      }
    }),
  );
  clearTimeout(stop);
  return {
    completed,
    /** Accepted during the turn, answered within it or after it (the runtime's whole work). */
    accepted,
    failed,
    ...turnFigures(acks, (deadline - start) / 1000, cpuBefore),
  };
}

/**
 * A quiet moment before a measured turn: two seconds, then until no autovacuum worker is busy
 * with the benchmark's database (at most 15 s more).
 */
export async function settle(admin: postgres.Sql, database: string) {
  await sleep(2_000);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const [row] = await admin`select count(*)::int as n from pg_stat_activity where datname = ${database} and backend_type = 'autovacuum worker'`;
    if (!row?.n) return;
    await sleep(250);
  }
}

/** Waits until every accepted message is answered (or the answers stop coming). */
export async function drain(generator: Generator) {
  let last = generator.outstanding();
  let still = 0;
  while (generator.outstanding() > 0 && still < 100) {
    await sleep(100);
    const n = generator.outstanding();
    still = n === last ? still + 1 : 0;
    last = n;
  }
}

/** One Meta app (one app secret, one system-user token) with several business numbers. */
export type BenchChannel = { phoneNumberIds: string[]; accessToken: string; appSecret: string; verifyToken: string };

export function benchChannel(numbers: number): BenchChannel {
  return {
    phoneNumberIds: Array.from({ length: numbers }, (_, i) => String(155500099001 + i)),
    accessToken: `EAAbench${randomBytes(8).toString("hex")}`,
    appSecret: randomBytes(16).toString("hex"),
    verifyToken: "bench",
  };
}

/**
 * Meta's servers do not share our cores; the fake that stands in for them does, so it runs
 * lean: V8's single-threaded GC, as the app (parallel GC helpers took the app's core).
 */
export const FAKE_GRAPH_NODE_FLAGS = ["--single-threaded-gc"];

/**
 * The fake Graph API in a process of its own, reporting each accepted reply to `generator`.
 * `cpuMs()` reads the process's CPU time so far.
 */
export async function startFakeGraphProcess(
  root: string,
  nodeArgs: string[],
  channel: BenchChannel,
  generator: Generator,
  statusBatch = "8,100",
  /** bench:media: a JPEG the fake serves under `count` media ids, each download after `latencyMs`. */
  media?: { file: string; count: number; latencyMs: number },
) {
  const child = fork(path.join(root, "tests/bench/fake-graph-process.ts"), [], {
    execArgv: [...nodeArgs, "--import", "tsx"],
    env: {
      ...process.env,
      FAKE_GRAPH_TOKENS: JSON.stringify(Object.fromEntries(channel.phoneNumberIds.map((id) => [id, channel.accessToken]))),
      // Meta's status webhooks (sent, delivered) for every reply, back to the app that sent it.
      FAKE_GRAPH_APP_SECRET: channel.appSecret,
      FAKE_GRAPH_STATUS_BATCH: statusBatch,
      ...(media ? { FAKE_GRAPH_MEDIA: `${media.file},${media.count},${media.latencyMs}` } : {}),
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  let mediaIds: string[] = [];
  const url = await new Promise<string>((resolve) =>
    child.on("message", (msg: { type: string; url?: string; replies?: [string, number][]; mediaIds?: string[] }) => {
      if (msg.type === "ready") {
        mediaIds = msg.mediaIds ?? [];
        resolve(msg.url!);
      }
      if (msg.type === "replies") for (const [to, at] of msg.replies!) generator.onReply(to, at);
    }),
  );
  const cpuMs = () =>
    new Promise<number>((resolve) => {
      const listener = (msg: { type: string; cpu?: NodeJS.CpuUsage }) => {
        if (msg.type !== "counts") return;
        child.off("message", listener);
        resolve((msg.cpu!.user + msg.cpu!.system) / 1000);
      };
      child.on("message", listener);
      child.send({ type: "counts" });
    });
  const statusesOutstanding = () =>
    new Promise<number>((resolve) => {
      const listener = (msg: { type: string; statusesOutstanding?: number }) => {
        if (msg.type !== "counts") return;
        child.off("message", listener);
        resolve(msg.statusesOutstanding ?? 0);
      };
      child.on("message", listener);
      child.send({ type: "counts" });
    });
  const mediaServed = () =>
    new Promise<number>((resolve) => {
      const listener = (msg: { type: string; served?: number }) => {
        if (msg.type !== "media-served") return;
        child.off("message", listener);
        resolve(msg.served ?? 0);
      };
      child.on("message", listener);
      child.send({ type: "media-served" });
    });
  return {
    child,
    url,
    cpuMs,
    /** bench:media: the media ids the fake serves, and how many downloads it completed. */
    mediaIds,
    mediaServed,
    /** The Graph URL to give app `app`; its status webhooks go to `appUrl`. */
    urlFor(app: string, appUrl: string): string {
      child.send({ type: "status-target", app, url: appUrl });
      return url.replace(/\/v23\.0$/, `/${app}/v23.0`);
    },
    /** Waits until every status webhook has been delivered (at most 30 s). */
    async statusesDelivered(): Promise<void> {
      const deadline = Date.now() + 30_000;
      while ((await statusesOutstanding()) > 0 && Date.now() < deadline) await sleep(100);
    },
    stop: () => child.send({ type: "stop" }),
  };
}

/** A fresh database for one app instance; `drop()` removes it. */
export async function createBenchDatabase(admin: postgres.Sql, baseUrl: string) {
  const name = `atendo_bench_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin.unsafe(`drop database if exists ${name} with (force)`).then(() => {}) };
}

/**
 * The production server (see serverEntry) on `databaseUrl`, seeded with the demo flow and the
 * channel; the channel's other numbers are added as copies of the seeded one (same sealed
 * secrets, same flow) — what an admin connecting more numbers of the same app ends up with.
 */
export async function startBenchApp(options: {
  root: string;
  distDir: string;
  nodeArgs: string[];
  databaseUrl: string;
  /** The Graph API base URL for an app on `port` (the fake routes its status webhooks back by it). */
  graphUrl: (port: number) => string;
  channel: BenchChannel;
  sendRate: number;
  env?: Record<string, string>;
  logOutput?: boolean;
  sqlAfterStart?: string;
  /** False for a second server on a database that has them already. */
  addNumbers?: boolean;
}): Promise<{ child: ChildProcess; port: number }> {
  const { channel } = options;
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [...options.nodeArgs, ...serverEntry(options.root, port)], {
    cwd: options.root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: options.distDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      // For a `next start` checkout (serverEntry): leaves SIGTERM to its graceful shutdown.
      NEXT_MANUAL_SIG_HANDLE: "true",
      SEED_DEMO: "1",
      WHATSAPP_GRAPH_URL: options.graphUrl(port),
      WHATSAPP_PHONE_NUMBER_ID: channel.phoneNumberIds[0]!,
      WHATSAPP_ACCESS_TOKEN: channel.accessToken,
      WHATSAPP_APP_SECRET: channel.appSecret,
      WHATSAPP_VERIFY_TOKEN: channel.verifyToken,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (output = (output + d).slice(-20_000)));
  if (options.logOutput) {
    child.stdout!.pipe(process.stderr);
    child.stderr!.pipe(process.stderr);
  }
  try {
    await waitHealthy(`http://127.0.0.1:${port}/api/health`, child, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  if (options.addNumbers !== false) {
    const sql = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
    for (const id of channel.phoneNumberIds.slice(1)) {
      await sql`insert into channels (name, phone_number_id, display_number, verify_token_enc, app_secret_enc, access_token_enc, sandbox, is_default, flow_id)
        select ${`Bench ${id}`}, ${id}, ${`+${id}`}, verify_token_enc, app_secret_enc, access_token_enc, false, false, flow_id
        from channels where phone_number_id = ${channel.phoneNumberIds[0]!}`;
    }
    await sql`update channels set send_rate_per_second = ${options.sendRate} where phone_number_id = any(${channel.phoneNumberIds})`;
    if (options.sqlAfterStart) await sql.unsafe(options.sqlAfterStart);
    await sql.end();
  }
  return { child, port };
}

/**
 * How to start the production server of the checkout at `root`: its custom server
 * (`dist/server.js`, built by `npm run build`) — or, for a checkout from before it had one
 * (no server.ts; compared with `bench:runtime:versus`), `next start`.
 */
export function serverEntry(root: string, port: number): string[] {
  if (existsSync(path.join(root, "server.ts"))) return [path.join(root, "dist/server.js")];
  return [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"];
}

/** One message of `contact` to the app, complete when its reply reaches the fake Graph API. */
export function endToEnd(generator: Generator, port: number, timeoutMs: number) {
  return async (contact: Contact): Promise<{ ok: boolean; ackMs: number }> => {
    const wait = generator.waitReply(contact, timeoutMs);
    const r = await generator.send(port, contact);
    if (r.status !== 200) return { ok: false, ackMs: r.ackMs };
    return { ok: await wait, ackMs: r.ackMs };
  };
}

/** Every contact's first message, answered (opens its conversation and warms the JIT). */
export async function warmUp(generator: Generator, inFlight: number, once: (contact: Contact) => Promise<unknown>): Promise<void> {
  const queue = [...generator.contacts];
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) await once(c);
    }),
  );
}

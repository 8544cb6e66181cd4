/**
 * `npm run bench:media`: does fetching customers' photos slow down the text path?
 *
 * The production server (`npm run build` + the custom server) on a fresh PostgreSQL database,
 * the fake Graph API in its own process (with Meta's status webhooks, as in bench:runtime) and
 * signed webhooks paced at --rate (80) messages/s for --seconds (30) per phase, in four phases:
 * text only | with media | with media | text only. In the media phases --share (20 %) of the
 * messages are photos — a real ~1 MB JPEG that the fake serves under a media id of its own
 * after --latency (200) ms, as Meta's download URLs do — and the rest are text. The figure is the
 * webhook-to-send p99 of the TEXT messages in the media phases against the text-only phases
 * (target ≤ 1.2 ×): interleaved, so the machine's drift falls on both sides alike.
 *
 * Only text messages wait for replies and count as lost or duplicated (what the bot answers a
 * photo is not measured). Also: every photo stored (the media rows, sha256 checked by the fetcher), how long the last
 * one took after its phase ended, the CPU of the server's process and of the media process apart
 * while the phase sent, and the app's RSS (sampled every 250 ms) at the start and end
 * of each phase and at its peak, so a leak shows as growth from phase to phase.
 *
 * Flags: --reuse-build, --keep-db, --rate=80, --seconds=30, --share=0.2, --latency=200,
 * --contacts=2000, --numbers=4. Prints ONE JSON object on stdout; progress goes to stderr.
 */
import { execFileSync } from "node:child_process";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import sharp from "sharp";
import { APP_NODE_FLAGS } from "../support/app-server";
import {
  BENCH_ROOT,
  benchArgs,
  benchChannel,
  type Contact,
  createBenchDatabase,
  drain,
  endToEnd as endToEndOf,
  FAKE_GRAPH_NODE_FLAGS,
  Generator,
  log,
  now,
  percentile,
  postRaw,
  processTree,
  round,
  sleep,
  startBenchApp,
  startFakeGraphProcess,
  warmUp,
} from "./runtime-load";

const root = BENCH_ROOT;
const args = benchArgs();
const RATE = Number(args.get("rate") ?? 80);
const SECONDS = Number(args.get("seconds") ?? 30);
const SHARE = Number(args.get("share") ?? 0.2);
const LATENCY_MS = Number(args.get("latency") ?? 200);
const CONTACTS = Number(args.get("contacts") ?? 2000);
const NUMBERS = Math.max(1, Number(args.get("numbers") ?? 4));
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-bench";
const BASE_DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const PHASES: ("text" | "media")[] = ["text", "media", "media", "text"];
const REPLY_TIMEOUT_MS = 30_000;
/** Longest the photos of a phase may take to be stored after it ends. */
const STORE_DEADLINE_MS = 120_000;

/** A real JPEG of about 1 MB (noise compresses badly, so a modest size gets there). */
async function photo(dir: string): Promise<{ file: string; bytes: number }> {
  const side = 1250;
  const raw = randomBytes(side * side * 3);
  const jpeg = await sharp(raw, { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
  const file = path.join(dir, "photo.jpg");
  writeFileSync(file, jpeg);
  return { file, bytes: jpeg.length };
}

/** A customer's photo, as Meta delivers it: the media id and the file's sha256 (base64). */
function imageBody(contact: Contact, mediaId: string, sha256: string): { body: string; wamid: string } {
  const wamid = `wamid.MEDIA${randomBytes(12).toString("hex")}`;
  const body = `{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"${contact.phoneNumberId}"},"contacts":[{"profile":{"name":"${contact.name}"},"wa_id":"${contact.waId}"}],"messages":[{"from":"${contact.waId}","id":"${wamid}","timestamp":"${Math.floor(Date.now() / 1000)}","type":"image","image":{"id":"${mediaId}","mime_type":"image/jpeg","sha256":"${sha256}","caption":"foto do produto"}}]}}]}]}`;
  return { body, wamid };
}

async function main() {
  const startLoad = loadavg().map((n) => round(n, 2));
  const distDir = path.join(root, DIST_DIR);
  if (!args.has("reuse-build") || !existsSync(path.join(distDir, "BUILD_ID"))) {
    log(`building the production server into ${DIST_DIR}…`);
    execFileSync("npm", ["run", "build"], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: DIST_DIR }, stdio: ["ignore", 2, 2] });
  }
  const scratch = mkdtempSync(path.join(tmpdir(), "atendo-bench-media-"));
  const admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
  const database = await createBenchDatabase(admin, BASE_DATABASE_URL);
  const appSql = postgres(database.url, { max: 1, onnotice: () => {} });
  const children: { kill: (signal: NodeJS.Signals) => void; exitCode: number | null }[] = [];
  const cleanup = async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await appSql.end();
    if (args.has("keep-db")) log(`kept database ${database.name}`);
    else await database.drop().catch(() => {});
    await admin.end();
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    const picture = await photo(scratch);
    const pictureBytes = readFileSync(picture.file);
    const sha256 = createHash("sha256").update(pictureBytes).digest("base64");
    // Enough ids for every photo of every media phase, with room.
    const photosPlanned = Math.ceil(RATE * SECONDS * SHARE * PHASES.filter((p) => p === "media").length * 1.5) + 100;

    const channel = benchChannel(NUMBERS);
    const generator = new Generator(channel.phoneNumberIds, channel.appSecret, CONTACTS);
    const graph = await startFakeGraphProcess(root, FAKE_GRAPH_NODE_FLAGS, channel, generator, "8,100", {
      file: picture.file,
      count: photosPlanned,
      latencyMs: LATENCY_MS,
    });
    children.push(graph.child);
    let apps = 0;
    const { child: app, port } = await startBenchApp({
      root,
      distDir: DIST_DIR,
      nodeArgs: APP_NODE_FLAGS,
      databaseUrl: database.url,
      graphUrl: (appPort) => graph.urlFor(`app${++apps}`, `http://127.0.0.1:${appPort}`),
      channel,
      sendRate: 1000,
      env: { MEDIA_STORAGE: "local", MEDIA_DIR: path.join(scratch, "media") },
      logOutput: args.has("app-log"),
    });
    children.push(app);
    if (NUMBERS > 1) await sleep(6_000);
    const endToEnd = endToEndOf(generator, port, REPLY_TIMEOUT_MS);
    log(`warm-up: one message from each of ${CONTACTS} contacts…`);
    await warmUp(generator, 64, endToEnd);
    await graph.statusesDelivered();

    // Photos come from contacts of their own: a text message's latency is never a photo's.
    const photoContacts = generator.contacts.filter((_, i) => i % Math.round(1 / SHARE) === 0);
    const textContacts = generator.contacts.filter((_, i) => i % Math.round(1 / SHARE) !== 0);
    const photoWaIds = new Set(photoContacts.map((c) => c.waId));
    const textLatencies: number[] = [];
    // What the bot answers a photo (if anything: a menu repeated, then a handoff after too many
    // answers it cannot use) is not measured; only text messages wait for and count replies.
    const onReply = generator.onReply.bind(generator);
    generator.onReply = (to: string, at: number) => {
      if (photoWaIds.has(to)) return;
      const startedAt = generator.contacts.find((c) => c.waId === to)?.pending[0];
      if (startedAt !== undefined) textLatencies.push(at - startedAt);
      onReply(to, at);
    };

    let mediaCursor = 0;
    const sendPhoto = async (contact: Contact) => {
      const mediaId = graph.mediaIds[mediaCursor++];
      if (!mediaId) throw new Error("the fake ran out of media ids");
      const { body } = imageBody(contact, mediaId, sha256);
      const signature = `sha256=${createHmac("sha256", channel.appSecret).update(body).digest("hex")}`;
      const startedAt = now();
      const status = await postRaw(port, "/api/webhooks/whatsapp", body, signature);
      return { status, ackMs: now() - startedAt };
    };

    const phases = [];
    for (const kind of PHASES) {
      await sleep(3_000);
      log(`${kind === "media" ? `with media (${Math.round(SHARE * 100)} % photos)` : "text only"}: ${RATE} messages/s for ${SECONDS} s…`);
      textLatencies.length = 0;
      const acks: number[] = [];
      let sent = 0;
      let photos = 0;
      let refused = 0;
      let textCursor = 0;
      let photoCursor = 0;
      const lost0 = generator.lost();
      const stored0 = await storedPhotos(appSql);
      const rss: number[] = [];
      const sampler = setInterval(() => rss.push(round(processTree(app.pid!).rssMb)), 250);
      const inflight: Promise<unknown>[] = [];
      const cpu0 = cpuSplit(app.pid!);
      const start = now();
      while (now() - start < SECONDS * 1000) {
        const due = Math.floor(((now() - start) / 1000) * RATE);
        while (sent < due) {
          sent++;
          const asPhoto = kind === "media" && Math.floor(sent * SHARE) > Math.floor((sent - 1) * SHARE);
          if (asPhoto) photos++;
          const send = asPhoto
            ? sendPhoto(photoContacts[photoCursor++ % photoContacts.length]!)
            : generator.send(port, textContacts[textCursor++ % textContacts.length]!);
          inflight.push(send.then((r) => (r.status === 200 ? acks.push(r.ackMs) : refused++)));
        }
        await sleep(2);
      }
      await Promise.all(inflight);
      const ended = now();
      const cpu1 = cpuSplit(app.pid!);
      const perSecond = (ms: number) => round(ms / ((ended - start) / 1000), 1);
      const latencies = [...textLatencies];
      await drain(generator);
      await graph.statusesDelivered();
      // Every photo of the phase stored (sha256 checked by the fetcher), and how long the last took.
      let stored = (await storedPhotos(appSql)) - stored0;
      while (stored < photos && now() - ended < STORE_DEADLINE_MS) {
        await sleep(200);
        stored = (await storedPhotos(appSql)) - stored0;
      }
      const storedAfterMs = Math.round(now() - ended);
      clearInterval(sampler);
      const phase = {
        kind,
        sent,
        photos,
        refused,
        textWebhookToSendP50Ms: percentile(latencies, 50),
        textWebhookToSendP99Ms: percentile(latencies, 99),
        ackP99Ms: percentile(acks, 99),
        photosStored: stored,
        allPhotosStoredMsAfterPhase: kind === "media" ? storedAfterMs : null,
        lostReplies: generator.lost() - lost0,
        appRssMb: { start: rss[0] ?? null, end: rss.at(-1) ?? null, peak: rss.length ? Math.max(...rss) : null },
        /** CPU while the phase sent, in ms per second: the server's process and its children (the media process). */
        cpuMsPerSecond: { server: perSecond(cpu1.server - cpu0.server), children: perSecond(cpu1.children - cpu0.children) },
      };
      phases.push(phase);
      log(
        `${kind}: text webhook-to-send p99 ${phase.textWebhookToSendP99Ms} ms, ack p99 ${phase.ackP99Ms} ms; photos ${stored}/${photos} stored; CPU ms/s server ${phase.cpuMsPerSecond.server}, media process ${phase.cpuMsPerSecond.children}; RSS ${phase.appRssMb.start} → ${phase.appRssMb.end} MB (peak ${phase.appRssMb.peak})`,
      );
    }

    const byStatus = await mediaByStatus(appSql);
    const text = phases.filter((p) => p.kind === "text").map((p) => p.textWebhookToSendP99Ms ?? Infinity);
    const media = phases.filter((p) => p.kind === "media").map((p) => p.textWebhookToSendP99Ms ?? Infinity);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ratio = round(mean(media) / mean(text), 2);
    const photos = phases.reduce((n, p) => n + p.photos, 0);
    const stored = phases.reduce((n, p) => n + p.photosStored, 0);
    const rssEnds = phases.map((p) => p.appRssMb.end ?? 0);
    const result = {
      benchmark: "media",
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverageAtStart: startLoad },
      config: { rate: RATE, seconds: SECONDS, photoShare: SHARE, downloadLatencyMs: LATENCY_MS, photoBytes: picture.bytes, phases: PHASES, contacts: CONTACTS, businessNumbers: NUMBERS },
      phases,
      media: byStatus,
      fakeGraphDownloadsServed: await graph.mediaServed(),
      textWebhookToSendP99: { textOnlyMs: text, withMediaMs: media, ratio },
      appRssMbAtPhaseEnds: rssEnds,
      targets: { ratioMax: 1.2, allPhotosStored: true },
      pass: { ratio: ratio <= 1.2, allPhotosStored: stored === photos && (byStatus.stored ?? 0) === photos },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    graph.stop();
  } finally {
    await cleanup();
  }
}

/** CPU used so far by the server's own process and, apart, by its children (the media process). */
function cpuSplit(pid: number): { server: number; children: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const server = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  return { server, children: processTree(pid).cpuMs - server };
}

/** Stored inbound photos in the app's database. */
async function storedPhotos(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from media where kind = 'image' and status = 'stored'`;
  return row?.n ?? 0;
}

async function mediaByStatus(sql: postgres.Sql): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }[]>`select status::text as status, count(*)::int as n from media group by status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * The fake Graph API in its own process for the runtime benchmark, so its CPU is not
 * counted as the load generator's. Reports every accepted message to the parent over IPC,
 * batched per turn of the event loop (a timer would add its delay to every closed-loop cycle).
 *
 * Like Meta, it reports a `sent` and then a `delivered` status webhook for every accepted
 * message back to the app that sent it (signed with the app secret, batched under load: see
 * FAKE_GRAPH_STATUS_BATCH). Apps are told apart by the first segment of the Graph URL they were
 * given (`/<app>/v23.0/…`); the parent names each app's base URL with a `status-target` message.
 */
import { readFileSync } from "node:fs";
import { startFakeGraph } from "../support/fake-graph";

const tokens = JSON.parse(process.env.FAKE_GRAPH_TOKENS ?? "{}") as Record<string, string>;
const appSecret = process.env.FAKE_GRAPH_APP_SECRET;
const [concurrency, maxPerPost] = (process.env.FAKE_GRAPH_STATUS_BATCH ?? "8,100").split(",").map(Number);
const targets = new Map<string, string>();
const graph = await startFakeGraph({
  tokens,
  record: "light",
  port: Number(process.env.FAKE_GRAPH_PORT ?? 0),
  // Meta's per-number throughput tiers (bench:campaign): phone_number_id → messages/s, 130429 beyond.
  throughput: JSON.parse(process.env.FAKE_GRAPH_THROUGHPUT ?? "{}") as Record<string, number>,
  ...(appSecret
    ? {
        statusWebhook: {
          appSecret,
          baseUrl: (path: string) => targets.get(/^\/([^/]+)\//.exec(path)?.[1] ?? "") ?? null,
          statuses: ["sent", "delivered"] as ("sent" | "delivered")[],
          batch: { concurrency: concurrency!, maxPerPost: maxPerPost! },
        },
      }
    : {}),
});
let batch: [string, number][] = [];
let scheduled = false;
graph.onRequest((req) => {
  if (req.kind !== "message" || req.status !== 200 || !req.to) return;
  batch.push([req.to, performance.timeOrigin + performance.now()]);
  // Keep nothing: a long benchmark must not grow this process.
  graph.requests.length = 0;
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    const out = batch;
    batch = [];
    process.send!({ type: "replies", replies: out });
  });
});
process.on("message", (msg: { type: string; app?: string; url?: string }) => {
  if (msg.type === "status-target") targets.set(msg.app!, msg.url!);
  if (msg.type === "counts") process.send!({ type: "counts", counts: graph.counts, statusesOutstanding: graph.statusesOutstanding, cpu: process.cpuUsage() });
  if (msg.type === "media-served") process.send!({ type: "media-served", served: [...graph.media.files.values()].reduce((n, f) => n + f.served, 0) });
  if (msg.type === "stop") void graph.stop().then(() => process.exit(0));
});
// bench:media: files customers "sent" (FAKE_GRAPH_MEDIA = "path,count,latencyMs"), each its own
// media id (a duplicated webhook stores one file, so every message needs an id of its own).
const mediaIds: string[] = [];
if (process.env.FAKE_GRAPH_MEDIA) {
  const [file, count, latencyMs] = process.env.FAKE_GRAPH_MEDIA.split(",");
  const bytes = readFileSync(file!);
  for (let i = 0; i < Number(count); i++) mediaIds.push(graph.media.add(bytes, "image/jpeg", { latencyMs: Number(latencyMs) }).id);
}
process.send!({ type: "ready", url: graph.url, mediaIds });

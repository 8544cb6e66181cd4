/**
 * The fake Graph API in its own process for the runtime benchmark, so its CPU is not
 * counted as the load generator's. Reports every accepted message to the parent over IPC,
 * batched per turn of the event loop (a timer would add its delay to every closed-loop cycle).
 */
import { startFakeGraph } from "../support/fake-graph";

const tokens = JSON.parse(process.env.FAKE_GRAPH_TOKENS ?? "{}") as Record<string, string>;
const graph = await startFakeGraph({ tokens, record: "light", port: Number(process.env.FAKE_GRAPH_PORT ?? 0) });
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
process.on("message", (msg: { type: string }) => {
  if (msg.type === "counts") process.send!({ type: "counts", counts: graph.counts, cpu: process.cpuUsage() });
  if (msg.type === "stop") void graph.stop().then(() => process.exit(0));
});
process.send!({ type: "ready", url: graph.url });

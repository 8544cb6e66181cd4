import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { runHttpRequest } from "@/lib/flow/http";
import { claimHeads, claimMessages, recordInboxFailure, toInboxRow } from "./claim";
import { getRuntimeDb, openBatchDb, rowsOf } from "./db";
import { CONTACT_LOCK_NAMESPACE } from "./locks";
import { leaseHolder } from "./instance";
import { afterCommit, directHandoff } from "./direct-handoff";
import { NOTHING_WRITTEN, processItems, type HttpJobPayload, type InboxRow, type Written } from "./process";
import { runLoop, type Loop } from "./loop";
import { wakeInbox } from "./signals";
import { batchTransaction, type BatchConnection } from "./sql";
import { record } from "./stats";
import { getRuntimeWorkspace } from "./workspace-cache";
import { env } from "@/lib/config/env";

const WORKER_BATCH = env.RUNTIME_BATCH_SIZE;
export const POLL_MS = env.RUNTIME_POLL_MS;

/**
 * Claims and processes one batch of customer messages. Returns how many rows were claimed
 * (0: nothing to do). A batch that fails is retried row by row so one bad message cannot
 * hold up the others; the row that still fails is counted and, eventually, parked.
 */
export async function processNextBatch(db: Db, limit = WORKER_BATCH, own?: BatchConnection): Promise<number> {
  let claimed: InboxRow[] = [];
  let written: Written = NOTHING_WRITTEN;
  const started = performance.now();
  try {
    // On the worker's own connection when it has one (BEGIN and COMMIT pipelined: see batchTransaction).
    await batchTransaction(own?.db() ?? db, async (tx, finish) => {
      const items = await claimMessages(tx, { limit });
      claimed = items.map((i) => i.row);
      record("claim", claimed.length, performance.now() - started);
      written = await processItems(tx, items, directHandoff(), finish);
    });
  } catch (error) {
    if (claimed.length === 0) throw error;
    // Logged: a batch that fails is otherwise invisible (its rows succeed one by one below).
    log(`a batch of ${claimed.length} failed, retrying row by row`, error);
    if (claimed.length === 1) {
      await recordInboxFailure(db, claimed[0]!, error);
    } else {
      for (const row of claimed) await processOne(db, row.id, own);
    }
  }
  await afterCommit(db, written);
  record(claimed.length ? "batch" : "empty batch", claimed.length, performance.now() - started);
  if (written.direct.length) record("direct", written.direct.length, 0);
  if (written.queued) record("queued", written.queued, 0);
  return claimed.length;
}

async function processOne(db: Db, id: number, own?: BatchConnection): Promise<void> {
  let claimed: InboxRow[] = [];
  try {
    let written: Written = NOTHING_WRITTEN;
    await batchTransaction(own?.db() ?? db, async (tx, finish) => {
      const items = await claimMessages(tx, { limit: 1, onlyId: id });
      claimed = items.map((i) => i.row);
      written = await processItems(tx, items, directHandoff(), finish);
    });
    await afterCommit(db, written);
  } catch (error) {
    if (claimed[0]) await recordInboxFailure(db, claimed[0], error);
    else throw error;
  }
}

/**
 * HTTP calls of `http_request` nodes run outside any transaction (a slow API must not hold
 * a connection and row locks): the job row is leased — which also keeps the contact's later
 * messages waiting behind it — the call is made, and the flow resumes in a new transaction
 * under the contact lock. A crash during the call leaves the lease to expire and the call is
 * made again (at-least-once, like any webhook-driven integration).
 */
export async function processNextHttpJob(db: Db): Promise<boolean> {
  let job: InboxRow | undefined;
  await db.transaction(async (tx) => {
    [job] = await claimHeads(tx, { limit: 1, kind: "http" });
    if (!job) return;
    const timeoutMs = (job.payload as unknown as HttpJobPayload).request?.timeoutMs ?? 10_000;
    const holder = leaseHolder();
    await tx.execute(sql`update inbox set attempts = attempts + 1,
        next_attempt_at = now() + ${Math.min(timeoutMs, 120_000) + 30_000} * interval '1 millisecond',
        lease_instance = ${holder.instanceId}, lease_boot = ${holder.bootId}
      where id = ${job.id}`);
  });
  if (!job) return false;
  const claimedJob: InboxRow = job;
  const payload = claimedJob.payload as unknown as HttpJobPayload;
  const ws = await getRuntimeWorkspace(db);
  const httpResult = await runHttpRequest(payload.request, { allowHosts: ws.httpAllowHosts });
  let written: Written = NOTHING_WRITTEN;
  try {
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(${CONTACT_LOCK_NAMESPACE}::int, hashtext(${claimedJob.channelId}::text || '/' || ${claimedJob.contactWaId}))`,
      );
      const rows = rowsOf<Parameters<typeof toInboxRow>[0]>(
        await tx.execute(sql`select id, channel_id, wa_message_id, contact_wa_id, contact_name, wa_timestamp, type, payload, attempts
          from inbox where id = ${claimedJob.id} and status = 'pending' for update`),
      );
      if (rows.length === 0) return; // an instance that took over after our lease expired finished it
      written = await processItems(tx, [{ row: toInboxRow(rows[0]!), httpResult }], directHandoff());
    });
  } catch (error) {
    await recordInboxFailure(db, claimedJob, error);
  }
  await afterCommit(db, written);
  // The contact's next messages were waiting behind this job.
  wakeInbox();
  return true;
}

function log(message: string, error: unknown) {
  console.error(`[atendo runtime] ${message}:`, error instanceof Error ? error.message : error);
}

export async function startProcessingLoops(): Promise<Loop[]> {
  const db = await getRuntimeDb();
  const workers = env.RUNTIME_WORKERS;
  const loops: Loop[] = [];
  for (let i = 0; i < workers; i++) {
    // Each worker's batches run on a connection of their own (see batchTransaction).
    const own = await openBatchDb();
    loops.push(runLoop(`inbox worker ${i + 1}`, "inbox", async () => (await processNextBatch(db, WORKER_BATCH, own)) > 0, POLL_MS));
  }
  loops.push(runLoop("http jobs", "http", () => processNextHttpJob(db), 1_000));
  return loops;
}

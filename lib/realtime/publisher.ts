import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { EVENTS_CHANNEL, type RealtimeEvent } from "./events";

/*
 * The runtime's live events, published after the data they describe has committed, many to a
 * NOTIFY.
 *
 * Why not `pg_notify` inside the runtime's own statements: PostgreSQL serialises the commits
 * of every transaction that sent a NOTIFY in a database — each holds a database-wide lock from
 * its pre-commit until its commit record is flushed, so that notifications keep commit order.
 * With a NOTIFY in the status webhooks' statement, the sender's write and every batch, each of
 * those commits (and its disk flush) waited in one line: under Meta's status load it was the
 * runtime's largest wait (about two backends at any moment in `Lock:object`).
 *
 * Here a thread's events go out from one place: a lone event at once, and while a NOTIFY is
 * on its way the events that arrive meanwhile wait and travel together, as a JSON array, in the
 * next (PostgreSQL caps a payload at 8000 bytes: more make more payloads, sent by one
 * statement). So the lock is taken once per round trip, not once per commit. Events are hints
 * (listeners re-read what they show), published only for data already committed; one lost in a
 * crash between the commit and the NOTIFY costs a listener a refresh, never a wrong screen.
 */

/** Bytes of one NOTIFY payload we fill up to (PostgreSQL refuses 8000 and more). */
const PAYLOAD_BYTES = 7_900;

type Queue = { waiting: string[]; sending: Promise<void> | null };

const queues = new WeakMap<DbOrTx, Queue>();

function log(message: string, detail?: unknown) {
  console.warn(`[atendo events] ${message}`, detail ?? "");
}

/**
 * Publishes events of data that has committed, through `db` (a pool, not a transaction: the
 * NOTIFY must not wait for, or roll back with, anything else). Returns at once; `flushEvents`
 * waits for what was queued.
 */
export function publishCommitted(db: DbOrTx, events: readonly RealtimeEvent[]): void {
  if (events.length === 0) return;
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], sending: null };
    queues.set(db, queue);
  }
  for (const event of events) queue.waiting.push(JSON.stringify(event));
  if (!queue.sending) queue.sending = send(db, queue);
}

/** Resolves once every event queued on `db` so far has been handed to PostgreSQL (shutdown, tests). */
export async function flushEvents(db: DbOrTx): Promise<void> {
  while (true) {
    const sending = queues.get(db)?.sending;
    if (!sending) return;
    await sending;
  }
}

async function send(db: DbOrTx, queue: Queue): Promise<void> {
  try {
    while (queue.waiting.length > 0) {
      const payloads = pack(queue.waiting.splice(0));
      try {
        await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, p) from jsonb_array_elements_text(${JSON.stringify(payloads)}::jsonb) as p`);
      } catch (error) {
        // Listeners re-read on their next event or reconnect; a failed hint is not worth a retry loop.
        log(`could not publish ${payloads.length} event payload(s)`, (error as Error).message);
      }
    }
  } finally {
    queue.sending = null;
  }
}

/** Events (JSON texts) into as few JSON-array payloads as fit PostgreSQL's limit, in order. */
export function pack(events: readonly string[]): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const event of events) {
    const size = Buffer.byteLength(event) + 1;
    if (current.length > 0 && bytes + size > PAYLOAD_BYTES) {
      payloads.push(`[${current.join(",")}]`);
      current = [];
      bytes = 2;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) payloads.push(`[${current.join(",")}]`);
  return payloads;
}

import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { publishCommitted } from "@/lib/realtime/publisher";
import { run } from "./sql";
import { type InboxInsert, insertInboxStatement, type StatusInsert, type StatusStatementResult, statusStatement } from "./webhook-statements";
import { env } from "@/lib/config/env";

/**
 * Statements in flight at once per pool. Webhooks arriving while they run share the next
 * statement: under load one statement (and one commit, one disk flush) carries many
 * deliveries — customer messages and Meta's status webhooks alike — while a lone webhook
 * still goes out at once.
 */
const MAX_IN_FLIGHT = env.WEBHOOK_INSERTS_IN_FLIGHT;
const MAX_ROWS_PER_STATEMENT = 1_000;

/** One webhook delivery's items. */
export type Delivery = { messages: InboxInsert[]; statuses: StatusInsert[] };
/** How many of a delivery's items were new (a wamid or status already stored is skipped). */
export type Stored = { messages: number; statuses: number };

const messageKey = (channelId: string, waMessageId: string) => `${channelId}/${waMessageId}`;
const statusKey = (channelId: string, waMessageId: string, status: string) => `${channelId}/${waMessageId}/${status}`;

/** Runs one statement for `delivery` (the deliveries of a batch, merged) and returns the keys it stored. */
async function writeItems(db: DbOrTx, delivery: Delivery): Promise<{ messages: Set<string>; statuses: Set<string> }> {
  if (delivery.statuses.length === 0) {
    // The common case, messages only: the plain insert.
    const inserted = await run<{ channel_id: string; wa_message_id: string }>(db, insertInboxStatement(delivery.messages));
    return { messages: new Set(inserted.map((r) => messageKey(r.channel_id, r.wa_message_id))), statuses: new Set() };
  }
  const [row] = await run<StatusStatementResult>(db, statusStatement(delivery.messages, delivery.statuses));
  // After the commit (the statement's own), many to a NOTIFY: see lib/realtime/publisher.ts.
  publishCommitted(db, row?.events ?? []);
  return {
    messages: new Set((row?.messages ?? []).map(([c, w]) => messageKey(c, w))),
    statuses: new Set((row?.statuses ?? []).map(([c, w, s]) => statusKey(c, w, s))),
  };
}

type Waiting = { delivery: Delivery; resolve: (stored: Stored) => void; reject: (error: unknown) => void };

const size = (d: Delivery) => d.messages.length + d.statuses.length;

class WebhookWriter {
  private waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(private db: DbOrTx) {}

  /** Resolves, once the delivery's items are committed, with how many of them were new. */
  write(delivery: Delivery): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ delivery, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch: Waiting[] = [];
      let rows = 0;
      while (this.waiting.length > 0 && (batch.length === 0 || rows + size(this.waiting[0]!.delivery) <= MAX_ROWS_PER_STATEMENT)) {
        const next = this.waiting.shift()!;
        rows += size(next.delivery);
        batch.push(next);
      }
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Waiting[]): Promise<void> {
    let stored: { messages: Set<string>; statuses: Set<string> };
    try {
      stored = await writeItems(this.db, {
        messages: batch.flatMap((w) => w.delivery.messages),
        statuses: batch.flatMap((w) => w.delivery.statuses),
      });
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Nothing of the statement was stored: each delivery on its own, so one cannot fail the others.
      await Promise.all(batch.map((w) => writeItems(this.db, w.delivery).then((s) => w.resolve(countFor(w.delivery, s)), w.reject)));
      return;
    }
    // An item delivered twice at once counts as stored for the first delivery only.
    for (const w of batch) w.resolve(countFor(w.delivery, stored));
  }
}

function countFor(delivery: Delivery, stored: { messages: Set<string>; statuses: Set<string> }): Stored {
  let messages = 0;
  let statuses = 0;
  for (const m of delivery.messages) if (stored.messages.delete(messageKey(m.channel_id, m.wa_message_id))) messages++;
  for (const s of delivery.statuses) if (stored.statuses.delete(statusKey(s.channel_id, s.wa_message_id, s.status))) statuses++;
  return { messages, statuses };
}

const writers = new WeakMap<object, WebhookWriter>();

/** Stores a webhook's messages and statuses durably, sharing statements with concurrent webhooks (see above). */
export function writeWebhook(db: DbOrTx, delivery: Delivery): Promise<Stored> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new WebhookWriter(db);
    writers.set(db, writer);
  }
  return writer.write(delivery);
}

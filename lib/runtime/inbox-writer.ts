import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { run, type Statement, stmt } from "./sql";
import { env } from "@/lib/config/env";

/** One inbound message as the webhook stores it. */
export type InboxInsert = {
  channel_id: string;
  wa_message_id: string;
  contact_wa_id: string;
  contact_name: string | null;
  wa_timestamp: number;
  type: string;
  payload: unknown;
};

/**
 * Insert statements in flight at once per pool. Webhooks arriving while they run share the
 * next statement: under load one INSERT (and one commit) carries many deliveries, while a
 * lone webhook still goes out at once.
 */
const MAX_IN_FLIGHT = env.WEBHOOK_INSERTS_IN_FLIGHT;
const MAX_ROWS_PER_STATEMENT = 1_000;

const key = (r: { channel_id: string; wa_message_id: string }) => `${r.channel_id}/${r.wa_message_id}`;

/**
 * The inbox insert, returning the keys it stored (a wamid already stored is skipped). Also
 * embedded by ingest.ts in its statement for webhooks that carry statuses too.
 */
export function insertInboxStatement(rows: InboxInsert[]): Statement {
  // Ids follow the WhatsApp timestamp, then arrival: the worker's tie-break for one contact.
  const json = JSON.stringify(rows.map((r, seq) => ({ ...r, seq })));
  return stmt`insert into inbox (channel_id, wa_message_id, contact_wa_id, contact_name, wa_timestamp, type, payload)
    select r.channel_id, r.wa_message_id, r.contact_wa_id, r.contact_name, r.wa_timestamp, r.type, r.payload
    from jsonb_to_recordset(${json}::jsonb) as r(channel_id uuid, wa_message_id text, contact_wa_id text, contact_name text,
      wa_timestamp bigint, type text, payload jsonb, seq int)
    order by r.wa_timestamp, r.seq
    on conflict (channel_id, wa_message_id) do nothing
    returning channel_id, wa_message_id`;
}

async function insertRows(db: DbOrTx, rows: InboxInsert[]): Promise<Set<string>> {
  const inserted = await run<{ channel_id: string; wa_message_id: string }>(db, insertInboxStatement(rows));
  return new Set(inserted.map(key));
}

type Waiting = { rows: InboxInsert[]; resolve: (stored: number) => void; reject: (error: unknown) => void };

class InboxWriter {
  private waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(private db: DbOrTx) {}

  /** Resolves, once the rows are committed, with how many of them were new. */
  write(rows: InboxInsert[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch: Waiting[] = [];
      let size = 0;
      while (this.waiting.length > 0 && (batch.length === 0 || size + this.waiting[0]!.rows.length <= MAX_ROWS_PER_STATEMENT)) {
        const next = this.waiting.shift()!;
        size += next.rows.length;
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
    let stored: Set<string>;
    try {
      stored = await insertRows(this.db, batch.flatMap((w) => w.rows));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Nothing of the statement was stored: each delivery on its own, so one cannot fail the others.
      await Promise.all(batch.map((w) => insertRows(this.db, w.rows).then((s) => w.resolve(countFor(w.rows, s)), w.reject)));
      return;
    }
    // A message delivered twice at once counts as stored for the first delivery only.
    for (const w of batch) w.resolve(countFor(w.rows, stored));
  }
}

function countFor(rows: InboxInsert[], stored: Set<string>): number {
  let n = 0;
  for (const r of rows) if (stored.delete(key(r))) n++;
  return n;
}

const writers = new WeakMap<object, InboxWriter>();

/** Stores inbound messages durably, sharing statements with concurrent webhooks (see above). */
export function writeInbox(db: DbOrTx, rows: InboxInsert[]): Promise<number> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new InboxWriter(db);
    writers.set(db, writer);
  }
  return writer.write(rows);
}

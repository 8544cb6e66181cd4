import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { publishCommitted } from "@/lib/realtime/publisher";
import { getChannels } from "./channel-cache";
import type { DirectHandoff, Written } from "./process";
import type { OutboxSender } from "./sender";
import { wakeHttp, wakeMedia, wakeOutbox } from "./signals";

/**
 * The outbox sender running in this thread, if any. When the inbox workers share a thread
 * with it, a batch's replies are written already leased to it and handed over in memory right
 * after the commit: no claim query, no lease update, no wake-up round trip. Everything else
 * (other instances, retries, rows left by a crash) still goes through the queue's claim.
 */
const holder = globalThis as unknown as { __atendoDirectSender?: OutboxSender | null };

export function registerDirectSender(sender: OutboxSender | null): void {
  holder.__atendoDirectSender = sender;
}

/** What a batch about to be processed may hand over (null: queue everything). */
export function directHandoff(): DirectHandoff | null {
  const sender = holder.__atendoDirectSender;
  return sender ? { slots: sender.capacity() } : null;
}

/** After the commit: publishes the batch's live events, hands the leased rows and read receipts over, wakes the loops that have work. */
export async function afterCommit(db: DbOrTx, written: Written): Promise<void> {
  publishCommitted(db, written.events);
  if (written.queued > 0) wakeOutbox();
  if (written.jobs > 0) wakeHttp();
  if (written.media > 0) wakeMedia();
  const sender = holder.__atendoDirectSender;
  if (written.direct.length === 0 && written.markReads.length === 0) return;
  if (!sender) {
    // Cannot happen (rows are only leased while a sender is registered); if it ever does,
    // their lease expires and the claim sends them.
    return;
  }
  const { byId } = await getChannels(db);
  if (written.direct.length > 0) sender.handDirect(written.direct, byId);
  // Replies first: the customer is waiting for them, the blue ticks can follow a moment
  // later (issued now, the read receipts would reach the API ahead of the replies).
  if (written.markReads.length > 0) setImmediate(() => sender.markRead(written.markReads, byId));
}

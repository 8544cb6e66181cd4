import "server-only";
import { getRuntimeDb } from "./db";
import { registerDirectSender } from "./direct-handoff";
import { OutboxSender } from "./sender";
import { startSenderRegistry } from "./sender-registry";
import { closeIdleConversations, reconcileStatuses, SWEEP_INTERVAL_MS } from "./sweeper";
import { POLL_MS, runLoop, startProcessingLoops } from "./worker";

/** The inbox workers, the HTTP-job runner, the outbox sender and the idle sweeper, in this thread. */
export async function runBackgroundLoops(): Promise<void> {
  const db = await getRuntimeDb();
  await startProcessingLoops();
  const sender = new OutboxSender(db, await getRuntimeDb("records"));
  registerDirectSender(sender);
  startSenderRegistry((instances) => sender.limiter.setShare(1 / instances));
  runLoop("outbox sender", "outbox", () => sender.tick(), POLL_MS);
  const sweep = async () => {
    try {
      const closed = await closeIdleConversations(db);
      if (closed > 0) console.log(`[atendo runtime] closed ${closed} idle conversation(s)`);
      await reconcileStatuses(db);
    } catch (error) {
      console.error("[atendo runtime] idle sweep failed:", (error as Error).message);
    }
  };
  setInterval(sweep, SWEEP_INTERVAL_MS).unref();
}

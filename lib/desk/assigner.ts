import "server-only";
import { getDb } from "@/lib/db";
import { subscribeEvents } from "@/lib/realtime/listener";
import { assignWaiting } from "./assign";
import { markStaleOffline } from "./presence";

const POLL_MS = Number(process.env.ASSIGNER_POLL_MS ?? 10_000);
const TRIGGERS = new Set(["conversation.queued", "conversation.closed", "conversation.assigned", "presence.changed", "queue.updated"]);

type AssignerState = { started: boolean; running: boolean; again: boolean; timer: NodeJS.Timeout | null };
const state = globalThis as unknown as { __atendoAssigner?: AssignerState };

/**
 * The background assigner: reacts at once to queued conversations and presence changes (from
 * any instance, through LISTEN/NOTIFY) and polls as a safety net. Runs are serialised in the
 * process; the advisory lock inside serialises instances.
 */
export async function startAssigner(): Promise<void> {
  state.__atendoAssigner ??= { started: false, running: false, again: false, timer: null };
  const s = state.__atendoAssigner;
  if (s.started) return;
  s.started = true;

  const run = async () => {
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    try {
      do {
        s.again = false;
        const db = await getDb();
        await markStaleOffline(db);
        await assignWaiting(db);
      } while (s.again);
    } catch (error) {
      console.error("[atendo] automatic assignment failed", error);
    } finally {
      s.running = false;
    }
  };
  const schedule = (delay: number) => {
    if (s.timer) return;
    s.timer = setTimeout(() => {
      s.timer = null;
      void run();
    }, delay);
  };

  await subscribeEvents((event) => {
    if (TRIGGERS.has(event.type)) schedule(50);
  });
  setInterval(() => void run(), POLL_MS).unref();
  schedule(0);
}

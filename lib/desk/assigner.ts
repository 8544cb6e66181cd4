import "server-only";
import { getDb } from "@/lib/db";
import { subscribeEvents } from "@/lib/realtime/listener";
import { assignWaiting } from "./assign";
import { markStaleOffline } from "./presence";
import { env } from "@/lib/config/env";

const POLL_MS = env.ASSIGNER_POLL_MS;
const TRIGGERS = new Set(["conversation.queued", "conversation.closed", "conversation.assigned", "presence.changed", "queue.updated"]);

type AssignerState = {
  started: boolean;
  stopped: boolean;
  /** The run in progress, awaited by a stopping instance. */
  running: Promise<void> | null;
  again: boolean;
  timer: NodeJS.Timeout | null;
  poll: NodeJS.Timeout | null;
};
const state = globalThis as unknown as { __atendoAssigner?: AssignerState };

/**
 * The background assigner: reacts at once to queued conversations and presence changes (from
 * any instance, through LISTEN/NOTIFY) and polls as a safety net. Runs are serialised in the
 * process; the advisory lock inside serialises instances.
 */
export async function startAssigner(): Promise<void> {
  state.__atendoAssigner ??= { started: false, stopped: false, running: null, again: false, timer: null, poll: null };
  const s = state.__atendoAssigner;
  if (s.started) return;
  s.started = true;

  const pass = async () => {
    try {
      do {
        s.again = false;
        const db = await getDb();
        await markStaleOffline(db);
        await assignWaiting(db);
      } while (s.again && !s.stopped);
    } catch (error) {
      console.error("[atendo] automatic assignment failed", error);
    } finally {
      s.running = null;
    }
  };
  const run = () => {
    if (s.stopped) return;
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = pass();
  };
  const schedule = (delay: number) => {
    if (s.timer || s.stopped) return;
    s.timer = setTimeout(() => {
      s.timer = null;
      run();
    }, delay);
  };

  await subscribeEvents((event) => {
    if (TRIGGERS.has(event.type)) schedule(50);
  });
  s.poll = setInterval(run, POLL_MS).unref();
  schedule(0);
}

/**
 * Stops taking work and waits for the run in progress (graceful shutdown): a run started
 * after the database connection closed would only fail and log it.
 */
export async function stopAssigner(): Promise<void> {
  const s = state.__atendoAssigner;
  if (!s) return;
  s.stopped = true;
  if (s.timer) clearTimeout(s.timer);
  if (s.poll) clearInterval(s.poll);
  s.timer = null;
  s.poll = null;
  await s.running;
}

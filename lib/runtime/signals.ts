/**
 * In-process wake-ups between the webhook route, the processing worker and the outbox sender.
 * Only an optimisation: every loop also polls, so rows written by another instance (or left
 * by a crash) are picked up anyway.
 *
 * The loops may run in a worker thread (see start.ts), so a wake-up is also broadcast to the
 * other threads of the process with a BroadcastChannel. Waiters are kept on globalThis
 * because Next.js bundles route handlers and the instrumentation hook separately, each with
 * its own copy of this module.
 */
type Channel = "inbox" | "outbox" | "http";

type State = {
  waiters: Record<Channel, Set<() => void>>;
  pending: Record<Channel, boolean>;
  broadcast: BroadcastChannel | null;
  /** The loops run in this thread: wake-ups stay local. */
  loopsHere: boolean;
};

const BROADCAST_NAME = "atendo-runtime-wake";
const holder = globalThis as unknown as { __atendoRuntimeSignals?: State };

function state(): State {
  if (!holder.__atendoRuntimeSignals) {
    const s: State = {
      waiters: { inbox: new Set(), outbox: new Set(), http: new Set() },
      pending: { inbox: false, outbox: false, http: false },
      broadcast: null,
      loopsHere: false,
    };
    holder.__atendoRuntimeSignals = s;
    try {
      const bc = new BroadcastChannel(BROADCAST_NAME);
      bc.onmessage = (event: MessageEvent) => wakeLocal(event.data as Channel);
      // Never keep a process alive just to listen.
      (bc as unknown as { unref?: () => void }).unref?.();
      s.broadcast = bc;
    } catch {
      // No BroadcastChannel: single-threaded wake-ups still work.
    }
  }
  return holder.__atendoRuntimeSignals;
}

function wakeLocal(channel: Channel): void {
  const s = state();
  if (!s.waiters[channel]) return;
  if (s.waiters[channel].size === 0) {
    // Nobody is waiting right now (the loop is busy): make its next wait return at once.
    s.pending[channel] = true;
    return;
  }
  const list = [...s.waiters[channel]];
  s.waiters[channel].clear();
  for (const resolve of list) resolve();
}

function wake(channel: Channel): void {
  const s = state();
  if (s.loopsHere) wakeLocal(channel);
  else s.broadcast?.postMessage(channel);
}

/** Called by the thread that runs the background loops. */
export function markLoopsThread(): void {
  state().loopsHere = true;
}

/** New inbox rows are committed: process them now. */
export function wakeInbox(): void {
  wake("inbox");
}

/** New outbox rows are committed (or a contact's next row became sendable): send now. */
export function wakeOutbox(): void {
  wake("outbox");
}

/** A flow is waiting for an HTTP call. */
export function wakeHttp(): void {
  wake("http");
}

/** Resolves on the next wake-up or after `ms`, whichever comes first. */
export function waitFor(channel: Channel, ms: number): Promise<void> {
  const s = state();
  if (s.pending[channel]) {
    s.pending[channel] = false;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      s.waiters[channel].delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    s.waiters[channel].add(done);
  });
}

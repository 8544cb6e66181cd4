/**
 * Wake-ups between the webhook route, the processing worker and the outbox sender — only an
 * optimisation: every loop also polls, so rows written by another instance (or left by a
 * crash) are picked up anyway.
 *
 * The loops may run in a worker thread (start.ts), so the signal is a counter per channel in
 * a SharedArrayBuffer: waking is an `Atomics.add` + `Atomics.notify` (no message to clone,
 * which at hundreds of webhooks per second was a visible cost), and a loop waits with
 * `Atomics.waitAsync`. The buffer lives on globalThis (Next.js bundles route handlers and the
 * instrumentation hook separately, each with its own copy of this module) and is handed to
 * the worker thread in its workerData.
 */
type Channel = "inbox" | "outbox" | "http" | "media";

// Slot 3 is the channels generation (below).
const INDEX: Record<Channel, number> = { inbox: 0, outbox: 1, http: 2, media: 4 };
const SLOTS = 5;

type State = { counters: Int32Array; seen: Int32Array };

const holder = globalThis as unknown as { __atendoRuntimeSignals?: State };

function state(): State {
  if (!holder.__atendoRuntimeSignals) {
    const buffer = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
    holder.__atendoRuntimeSignals = { counters: new Int32Array(buffer), seen: new Int32Array(SLOTS) };
  }
  return holder.__atendoRuntimeSignals;
}

/** The shared buffer, for the thread that runs the loops. */
export function signalBuffer(): SharedArrayBuffer {
  return state().counters.buffer as SharedArrayBuffer;
}

/** In the loops' worker thread: use the buffer the main thread created. */
export function adoptSignalBuffer(buffer: SharedArrayBuffer): void {
  const counters = new Int32Array(buffer);
  const seen = new Int32Array(SLOTS);
  for (let i = 0; i < SLOTS; i++) seen[i] = Atomics.load(counters, i);
  holder.__atendoRuntimeSignals = { counters, seen };
}

function wake(channel: Channel): void {
  const { counters } = state();
  Atomics.add(counters, INDEX[channel], 1);
  Atomics.notify(counters, INDEX[channel]);
}

/** New inbox rows are committed: process them now. */
export function wakeInbox(): void {
  wake("inbox");
}

/** New outbox rows are committed (or a contact's next row became sendable): send now. */
export function wakeOutbox(): void {
  wake("outbox");
}

/** Media rows are waiting for their files (a batch recorded media messages, or an agent asked for a retry). */
export function wakeMedia(): void {
  wake("media");
}

/** A flow is waiting for an HTTP call. */
export function wakeHttp(): void {
  wake("http");
}

// The last slot counts channel edits: both threads' channel caches compare it on every read,
// so an edit made in this process is seen by the webhook and by the loops' thread at once.
const CHANNELS_GENERATION = 3;

/** Channels were edited (here, or in another instance as its NOTIFY said): cached copies are stale. */
export function bumpChannelsGeneration(): void {
  Atomics.add(state().counters, CHANNELS_GENERATION, 1);
}

export function channelsGeneration(): number {
  return Atomics.load(state().counters, CHANNELS_GENERATION);
}

/**
 * Resolves on the next wake-up or after `ms`, whichever comes first. A wake-up that came
 * while the caller was busy (the counter moved since it last looked) returns at once.
 */
export async function waitFor(channel: Channel, ms: number): Promise<void> {
  const { counters, seen } = state();
  const i = INDEX[channel];
  const current = Atomics.load(counters, i);
  if (current !== seen[i]) {
    seen[i] = current;
    return;
  }
  const result = Atomics.waitAsync(counters, i, current, ms);
  if (result.async) await result.value;
  seen[i] = Atomics.load(counters, i);
}

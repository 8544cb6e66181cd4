import "server-only";
import { waitFor } from "./signals";

export type Loop = { stop: () => Promise<void> };

function log(message: string, error: unknown) {
  console.error(`[atendo runtime] ${message}:`, error instanceof Error ? error.message : error);
}

/** Runs `work` forever: again at once while it finds work, otherwise after a wake-up or the poll interval. */
export function runLoop(name: string, channel: Parameters<typeof waitFor>[0], work: () => Promise<boolean>, pollMs: number): Loop {
  let running = true;
  let failures = 0;
  const done = (async () => {
    while (running) {
      let busy = false;
      try {
        busy = await work();
        failures = 0;
      } catch (error) {
        failures++;
        // The database is down or restarting: log once in a while, back off a little.
        if (failures === 1 || failures % 20 === 0) log(`${name} failed (${failures}×)`, error);
        await new Promise((r) => setTimeout(r, Math.min(5_000, 200 * failures)));
      }
      if (!busy && running) await waitFor(channel, pollMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
    },
  };
}

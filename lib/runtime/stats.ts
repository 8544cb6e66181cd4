import { env } from "@/lib/config/env";

/**
 * Cheap counters of the runtime's loops, printed every few seconds when RUNTIME_STATS=1
 * (used to tune batching; off in normal operation).
 */
type Counter = { count: number; items: number; ms: number };

const state = globalThis as unknown as { __atendoRuntimeStats?: Map<string, Counter>; __atendoRuntimeStatsTimer?: NodeJS.Timeout };

const STATS_ENABLED = env.RUNTIME_STATS;

export function record(name: string, items: number, ms: number): void {
  if (!STATS_ENABLED) return;
  const stats = (state.__atendoRuntimeStats ??= new Map());
  const c = stats.get(name) ?? { count: 0, items: 0, ms: 0 };
  c.count++;
  c.items += items;
  c.ms += ms;
  stats.set(name, c);
  state.__atendoRuntimeStatsTimer ??= setInterval(() => {
    const lines = [...stats.entries()].map(
      ([k, v]) => `${k}: ${v.count}× ${(v.items / Math.max(1, v.count)).toFixed(1)} items, ${(v.ms / Math.max(1, v.count)).toFixed(1)} ms`,
    );
    stats.clear();
    if (lines.length) console.log(`[atendo stats] ${lines.join(" | ")}`);
  }, 5_000).unref();
}

import "server-only";
import { getConnection } from "@/lib/db";

const REGISTRY_NAMESPACE = 7142103;
const SLOTS = 256;
const REFRESH_MS = 5_000;

/**
 * Counts the app instances that are sending, so each can take its share of a channel's
 * rate limit. Every instance holds one session-level advisory lock (namespace, slot) on a
 * connection of its own; PostgreSQL drops the lock when the instance dies, so the count in
 * pg_locks is always the live one — no heartbeats, no stale rows. PGlite is one process:
 * the count is 1.
 */
export function startSenderRegistry(onCount: (instances: number) => void): () => Promise<void> {
  let stopped = false;
  let client: import("postgres").Sql | null = null;
  let slot: number | null = null;

  async function register(url: string) {
    const { default: postgres } = await import("postgres");
    client = postgres(url, { max: 1, idle_timeout: 0, onnotice: () => {} });
    for (let i = 0; i < SLOTS; i++) {
      const candidate = (process.pid + i) % SLOTS;
      const [row] = await client`select pg_try_advisory_lock(${REGISTRY_NAMESPACE}::int, ${candidate}::int) as ok`;
      if (row?.ok) {
        slot = candidate;
        return;
      }
    }
  }

  async function refresh() {
    const connection = await getConnection();
    if (connection.driver !== "postgres") return onCount(1);
    if (!client || slot === null) await register(connection.url);
    const [row] = await client!`select count(*)::int as n, count(*) filter (where pid = pg_backend_pid())::int as mine from pg_locks
      where locktype = 'advisory' and classid = ${REGISTRY_NAMESPACE} and objsubid = 2 and granted
        and database = (select oid from pg_database where datname = current_database())`;
    // postgres.js reconnects silently after a network cut, without our session lock: take it again.
    if (Number(row?.mine ?? 0) === 0) throw new Error("registry lock lost");
    onCount(Math.max(1, Number(row?.n ?? 1)));
  }

  const tick = async () => {
    while (!stopped) {
      try {
        await refresh();
      } catch {
        // Connection lost (database restarted): register again on the next round.
        await client?.end({ timeout: 1 }).catch(() => {});
        client = null;
        slot = null;
      }
      await new Promise((r) => setTimeout(r, REFRESH_MS));
    }
  };
  void tick();
  return async () => {
    stopped = true;
    await client?.end({ timeout: 1 }).catch(() => {});
  };
}

import "server-only";
import { channels } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { channelSecrets } from "@/lib/channels/credentials";
import { bumpChannelsGeneration, channelsGeneration } from "./signals";
import { env } from "@/lib/config/env";

export type RuntimeChannel = {
  id: string;
  phoneNumberId: string;
  sandbox: boolean;
  isDefault: boolean;
  flowId: string | null;
  sendRatePerSecond: number;
  appSecret: string;
  verifyToken: string;
  accessToken: string;
};

type Snapshot = { generation: number; loadedAt: number; list: RuntimeChannel[]; byId: Map<string, RuntimeChannel>; byPhone: Map<string, RuntimeChannel> };

const MAX_AGE_MS = env.RUNTIME_CHANNEL_CACHE_MS;
const state = globalThis as unknown as { __atendoChannels?: Snapshot; __atendoChannelsLoading?: { generation: number; snapshot: Promise<Snapshot> } };

async function load(db: DbOrTx, generation: number): Promise<Snapshot> {
  const rows = await db.select().from(channels);
  const list = rows.map((row): RuntimeChannel => {
    let secrets = { appSecret: "", verifyToken: "", accessToken: "" };
    try {
      secrets = channelSecrets(row);
    } catch (error) {
      // A channel sealed with another server secret cannot be used, but must not take the others down.
      console.error(`[atendo runtime] cannot open the secrets of channel ${row.phoneNumberId}:`, (error as Error).message);
    }
    return {
      id: row.id,
      phoneNumberId: row.phoneNumberId,
      sandbox: row.sandbox,
      isDefault: row.isDefault,
      flowId: row.flowId,
      sendRatePerSecond: row.sendRatePerSecond,
      ...secrets,
    };
  });
  return {
    generation,
    loadedAt: Date.now(),
    list,
    byId: new Map(list.map((c) => [c.id, c])),
    byPhone: new Map(list.map((c) => [c.phoneNumberId, c])),
  };
}

/**
 * Channels with their secrets opened, cached: the webhook needs the app secrets on every
 * request and decrypting them each time would dominate its cost. A channel edit bumps the
 * channels generation (invalidateChannels), which both threads of the instance check on every
 * read, so the edit takes effect at once; RUNTIME_CHANNEL_CACHE_MS only bounds how long a
 * missed notification from another instance could leave a copy stale. When the database is
 * unreachable a stale copy is still returned (signatures can be checked, the insert then
 * fails with 503).
 */
export async function getChannels(db: DbOrTx, options: { fresh?: boolean } = {}): Promise<Snapshot> {
  const current = state.__atendoChannels;
  const generation = channelsGeneration();
  if (current && !options.fresh && current.generation === generation && Date.now() - current.loadedAt < MAX_AGE_MS) return current;
  // A load that began before the latest edit may have read the old rows: do not join it.
  let loading = state.__atendoChannelsLoading;
  if (loading?.generation !== generation) {
    const started = { generation, snapshot: load(db, generation) };
    state.__atendoChannelsLoading = loading = started;
    started.snapshot
      .finally(() => {
        if (state.__atendoChannelsLoading === started) state.__atendoChannelsLoading = undefined;
      })
      .catch(() => {});
  }
  try {
    const snapshot = await loading.snapshot;
    if ((state.__atendoChannels?.generation ?? -1) <= snapshot.generation) state.__atendoChannels = snapshot;
    return snapshot;
  } catch (error) {
    if (current) return current;
    throw error;
  }
}

/**
 * A channel was created or edited: every thread of this instance re-reads the channels on
 * its next use. Call it after the edit commits (lib/channels/changes.ts does, and on the
 * NOTIFY that tells the other instances).
 */
export function invalidateChannels(): void {
  bumpChannelsGeneration();
}

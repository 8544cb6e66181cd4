import "server-only";
import { channels } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { channelSecrets } from "@/lib/channels/credentials";
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

type Snapshot = { loadedAt: number; list: RuntimeChannel[]; byId: Map<string, RuntimeChannel>; byPhone: Map<string, RuntimeChannel> };

const MAX_AGE_MS = env.RUNTIME_CHANNEL_CACHE_MS;
const state = globalThis as unknown as { __atendoChannels?: Snapshot; __atendoChannelsLoading?: Promise<Snapshot> };

async function load(db: DbOrTx): Promise<Snapshot> {
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
    loadedAt: Date.now(),
    list,
    byId: new Map(list.map((c) => [c.id, c])),
    byPhone: new Map(list.map((c) => [c.phoneNumberId, c])),
  };
}

/**
 * Channels with their secrets opened, cached for a few seconds: the webhook needs the app
 * secrets on every request and decrypting them each time would dominate its cost. When the
 * database is unreachable a stale copy is still returned (signatures can be checked, the
 * insert then fails with 503).
 */
export async function getChannels(db: DbOrTx, options: { fresh?: boolean } = {}): Promise<Snapshot> {
  const current = state.__atendoChannels;
  if (current && !options.fresh && Date.now() - current.loadedAt < MAX_AGE_MS) return current;
  state.__atendoChannelsLoading ??= load(db).finally(() => {
    state.__atendoChannelsLoading = undefined;
  });
  try {
    const snapshot = await state.__atendoChannelsLoading;
    state.__atendoChannels = snapshot;
    return snapshot;
  } catch (error) {
    if (current) return current;
    throw error;
  }
}

/** Forget the cache (after a channel is created or edited in this process). */
export function invalidateChannels(): void {
  state.__atendoChannels = undefined;
}

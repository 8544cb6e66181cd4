import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { secretEquals } from "@/lib/whatsapp/signature";
import { getChannels } from "./channel-cache";

/**
 * Meta's subscription check: the verify token must be one of our channels' tokens.
 * Returns the challenge to echo, or null to refuse.
 */
export async function verifyHandshake(db: DbOrTx, params: URLSearchParams): Promise<string | null> {
  const mode = params.get("hub.mode");
  const token = params.get("hub.verify_token");
  const challenge = params.get("hub.challenge");
  if (mode !== "subscribe" || !token || challenge === null) return null;
  const { list } = await getChannels(db, { fresh: true });
  let match = false;
  // Compare with every token (no early exit) so timing says nothing about which one matched.
  for (const channel of list) if (channel.verifyToken && secretEquals(channel.verifyToken, token)) match = true;
  return match ? challenge : null;
}

import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { env } from "@/lib/config/env";
import type { DbOrTx } from "@/lib/db/types";
import { channels } from "@/lib/db/schema";
import { open, seal } from "@/lib/crypto/secret-box";

export type ChannelRow = typeof channels.$inferSelect;

export type ChannelSecrets = { verifyToken: string; appSecret: string; accessToken: string };

export const SANDBOX_PHONE_NUMBER_ID = "100000000000001";
export const SANDBOX_DISPLAY_NUMBER = "+1 555 010 0100";
/** The default sandbox channel's WhatsApp Business Account, where the sandbox keeps its templates. */
export const SANDBOX_WABA_ID = "100000000000000";

export function sealSecrets(secrets: ChannelSecrets) {
  return {
    verifyTokenEnc: seal(secrets.verifyToken),
    appSecretEnc: seal(secrets.appSecret),
    accessTokenEnc: seal(secrets.accessToken),
  };
}

export function channelSecrets(channel: ChannelRow): ChannelSecrets {
  return {
    verifyToken: open(channel.verifyTokenEnc),
    appSecret: open(channel.appSecretEnc),
    accessToken: open(channel.accessTokenEnc),
  };
}

/** Sandbox secrets are random: only the app itself (the simulator) signs its webhooks. */
export function sandboxSecrets(): ChannelSecrets {
  return {
    verifyToken: randomBytes(12).toString("hex"),
    appSecret: randomBytes(24).toString("hex"),
    accessToken: `sandbox-${randomBytes(12).toString("hex")}`,
  };
}

/** WHATSAPP_* variables, when all are present, make the default channel a real number. */
export function channelFromEnv() {
  const phoneNumberId = env.WHATSAPP_PHONE_NUMBER_ID;
  const accessToken = env.WHATSAPP_ACCESS_TOKEN;
  const appSecret = env.WHATSAPP_APP_SECRET;
  const verifyToken = env.WHATSAPP_VERIFY_TOKEN;
  if (!phoneNumberId || !accessToken || !appSecret || !verifyToken) return null;
  return {
    phoneNumberId,
    displayNumber: env.WHATSAPP_DISPLAY_NUMBER ?? phoneNumberId,
    secrets: { verifyToken, appSecret, accessToken },
  };
}

export async function getChannelByPhoneNumberId(db: DbOrTx, phoneNumberId: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(channels).where(eq(channels.phoneNumberId, phoneNumberId));
  return row;
}


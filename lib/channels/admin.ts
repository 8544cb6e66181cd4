import "server-only";
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "@/lib/db/types";
import { channels, flows, flowVersions } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import { seal } from "@/lib/crypto/secret-box";
import { publishEvent } from "@/lib/realtime/events";
import { invalidateChannels } from "@/lib/runtime/channel-cache";
import { channelSecrets, type ChannelRow } from "./credentials";
import { CHANNEL_CREDENTIAL_FIELDS, type UpdateChannelInput } from "./schemas";

/** A channel as the API shows it: never a secret, not even encrypted. */
export type ChannelSummary = {
  id: string;
  name: string;
  phoneNumberId: string;
  displayNumber: string;
  sandbox: boolean;
  isDefault: boolean;
  sendRatePerSecond: number;
  /** The WhatsApp Business Account id (templates are synced from it), null until set. */
  wabaId: string | null;
  flow: { id: string; name: string; activeVersionNumber: number | null } | null;
  createdAt: Date;
  updatedAt: Date;
};

const activeVersion = alias(flowVersions, "active_version");

async function selectChannels(db: DbOrTx, id?: string): Promise<ChannelSummary[]> {
  const rows = await db
    .select({
      id: channels.id,
      name: channels.name,
      phoneNumberId: channels.phoneNumberId,
      displayNumber: channels.displayNumber,
      sandbox: channels.sandbox,
      isDefault: channels.isDefault,
      sendRatePerSecond: channels.sendRatePerSecond,
      wabaId: channels.wabaId,
      createdAt: channels.createdAt,
      updatedAt: channels.updatedAt,
      flowId: flows.id,
      flowName: flows.name,
      activeVersionNumber: activeVersion.number,
    })
    .from(channels)
    .leftJoin(flows, eq(flows.id, channels.flowId))
    .leftJoin(activeVersion, eq(activeVersion.id, flows.activeVersionId))
    .where(id ? eq(channels.id, id) : undefined)
    .orderBy(asc(channels.name), asc(channels.createdAt));
  return rows.map(({ flowId, flowName, activeVersionNumber, ...channel }) => ({
    ...channel,
    flow: flowId && flowName !== null ? { id: flowId, name: flowName, activeVersionNumber } : null,
  }));
}

export async function listChannels(db: DbOrTx): Promise<ChannelSummary[]> {
  return selectChannels(db);
}

export async function getChannel(db: DbOrTx, id: string): Promise<ChannelSummary> {
  const [channel] = await selectChannels(db, id);
  if (!channel) throw new AppError("not_found", "Channel not found");
  return channel;
}

/** The verify token, for the admin who pastes it into Meta's dashboard. */
export async function channelVerifyTokens(db: DbOrTx): Promise<Record<string, string>> {
  const rows = await db.select().from(channels);
  const tokens: Record<string, string> = {};
  for (const row of rows) {
    try {
      tokens[row.id] = channelSecrets(row).verifyToken;
    } catch {
      // Sealed with another key (ATENDO_ENCRYPTION_KEY changed): nothing to show; a new one can be set.
      tokens[row.id] = "";
    }
  }
  return tokens;
}

export function touchesCredentials(input: UpdateChannelInput): boolean {
  return CHANNEL_CREDENTIAL_FIELDS.some((field) => input[field] !== undefined);
}

/**
 * Binds a flow and/or changes credentials. Only admins change credentials; binding is part
 * of flows-as-code, so editors may bind too. A flow can only be bound once published.
 */
export async function updateChannel(
  db: Db,
  id: string,
  input: UpdateChannelInput,
  actor: { userId: string | null; role: string },
): Promise<ChannelSummary> {
  if (touchesCredentials(input) && actor.role !== "admin") {
    throw new AppError("forbidden", "Only admins can change a channel's settings; editors can bind a flow");
  }
  const changed = await db.transaction(async (tx) => {
    const [channel] = await tx.select().from(channels).where(eq(channels.id, id)).for("update");
    if (!channel) throw new AppError("not_found", "Channel not found");
    const changes: Partial<typeof channels.$inferInsert> = {};
    const audit: Record<string, unknown> = {};

    if (input.flowId !== undefined) {
      if (input.flowId !== null) {
        // A share lock orders the bind against a concurrent delete of the flow (which locks it for update).
        const [flow] = await tx.select().from(flows).where(eq(flows.id, input.flowId)).for("share");
        if (!flow) throw new AppError("unprocessable", "That flow does not exist", { details: { issues: [{ path: "flowId", message: "Unknown flow" }] } });
        if (!flow.activeVersionId) {
          throw new AppError("unprocessable", "Publish the flow before binding it to a channel", {
            details: { issues: [{ path: "flowId", message: "The flow has no published version" }] },
          });
        }
      }
      changes.flowId = input.flowId;
      audit.flowId = { from: channel.flowId, to: input.flowId };
    }

    if (touchesCredentials(input)) {
      const { verifyToken, appSecret, accessToken, flowId: _flow, ...plain } = input;
      Object.assign(changes, plain);
      // Only the secrets given are re-sealed; the others keep their ciphertext untouched.
      if (verifyToken) changes.verifyTokenEnc = seal(verifyToken);
      if (appSecret) changes.appSecretEnc = seal(appSecret);
      if (accessToken) changes.accessTokenEnc = seal(accessToken);
      const goingLive = (input.sandbox ?? channel.sandbox) === false;
      if (goingLive) {
        const token = accessToken ?? currentSecrets(channel).accessToken;
        if (!token || token.startsWith("sandbox-")) {
          throw new AppError("unprocessable", "Enter the access token and app secret from Meta to use a real number", {
            details: { issues: [{ path: "accessToken", message: "Required for a real WhatsApp number" }] },
          });
        }
      }
      if (input.phoneNumberId && input.phoneNumberId !== channel.phoneNumberId) {
        const [taken] = await tx.select({ id: channels.id }).from(channels).where(eq(channels.phoneNumberId, input.phoneNumberId));
        if (taken) throw new AppError("conflict", "Another channel already uses this phone number ID");
      }
      // Which fields changed, never their values: secrets must not end up in the audit log.
      audit.changed = Object.keys(input).filter((k) => k !== "flowId" && input[k as keyof UpdateChannelInput] !== undefined);
    }

    if (Object.keys(changes).length === 0) return false;
    await tx.update(channels).set({ ...changes, updatedAt: new Date() }).where(eq(channels.id, id));
    // Delivered on commit: the other instances drop their cached channels (lib/channels/background.ts).
    await publishEvent(tx, { type: "channels.changed" });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: input.flowId !== undefined && !touchesCredentials(input) ? "channel.bind" : "channel.update",
      entityType: "channel",
      entityId: id,
      details: audit,
    });
    return true;
  });
  // This instance (both threads) sees the edit at once, before the answer leaves.
  if (changed) invalidateChannels();
  return getChannel(db, id);
}

function currentSecrets(channel: ChannelRow) {
  try {
    return channelSecrets(channel);
  } catch {
    return { verifyToken: "", appSecret: "", accessToken: "" };
  }
}

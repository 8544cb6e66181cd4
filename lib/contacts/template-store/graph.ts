import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { channels } from "@/lib/db/schema";
import { channelSecrets, type ChannelRow } from "@/lib/channels/credentials";
import { AppError } from "@/lib/errors/app-error";
import type { GraphFailure } from "@/lib/whatsapp/graph-errors";
import { graphBaseUrl } from "@/lib/whatsapp/graph-url";

/** The channel whose WABA a template call goes to, with what the call needs. */
export async function templateChannel(db: DbOrTx, channelId: string): Promise<{ channel: ChannelRow; wabaId: string; baseUrl: string; accessToken: string }> {
  const [channel] = await db.select().from(channels).where(eq(channels.id, channelId));
  if (!channel) throw new AppError("not_found", "Channel not found");
  if (!channel.wabaId) {
    throw new AppError("unprocessable", "Set the channel's WhatsApp Business Account ID first: templates live in that account", {
      details: { reason: "waba_missing", issues: [{ path: "wabaId", message: "Not set" }] },
    });
  }
  return { channel, wabaId: channel.wabaId, baseUrl: graphBaseUrl(channel), accessToken: channelSecrets(channel).accessToken };
}

/** A failed Graph call as an answer: Meta's refusal (422, its message) or Meta unreachable (503, try again). */
export function graphCallError(failure: GraphFailure, action: string): AppError {
  const detail = failure.error.error_data?.details ?? failure.error.message ?? "unknown error";
  if (failure.retryable) {
    return new AppError("unavailable", `Meta could not ${action} right now (${detail}); try again in a moment`, { details: { code: failure.code } });
  }
  return new AppError("unprocessable", `Meta refused to ${action}: ${detail}`, { details: { reason: "meta_refused", code: failure.code, issues: [{ path: "", message: detail }] } });
}

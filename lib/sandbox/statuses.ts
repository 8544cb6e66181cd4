import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import type { DbOrTx } from "@/lib/db/types";
import { sandboxMessages } from "@/lib/db/schema";
import { channelSecrets, type ChannelRow } from "@/lib/channels/credentials";
import { publishEvent } from "@/lib/realtime/events";
import { buildStatus, statusesEnvelope } from "./envelope";
import { postSignedWebhookWithRetry } from "./deliver";
import { env } from "@/lib/config/env";

type ReportedStatus = "sent" | "delivered" | "read";

/** The states a business message may move on from: the sandbox itself never reports a status backwards. */
const BEFORE: Record<ReportedStatus, string[]> = {
  sent: ["accepted"],
  delivered: ["accepted", "sent"],
  read: ["accepted", "sent", "delivered"],
};

/**
 * Delays that look like a phone receiving the message. The first one also leaves the sender
 * time to record the wamid we just answered before the status about it arrives.
 */
const SENT_AFTER_MS = env.SANDBOX_SENT_AFTER_MS;
const DELIVERED_AFTER_MS = env.SANDBOX_DELIVERED_AFTER_MS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Moves business messages to `status` (only forwards); returns the ones that moved. */
async function advance(db: DbOrTx, channel: ChannelRow, rowIds: number[], status: ReportedStatus) {
  if (rowIds.length === 0) return [];
  const moved = await db
    .update(sandboxMessages)
    .set({ status })
    .where(and(inArray(sandboxMessages.id, rowIds), eq(sandboxMessages.direction, "outbound"), inArray(sandboxMessages.status, BEFORE[status])))
    .returning({ wamid: sandboxMessages.waMessageId, to: sandboxMessages.to, body: sandboxMessages.body });
  for (const to of new Set(moved.map((m) => m.to))) {
    await publishEvent(db, { type: "sandbox.message", phoneNumberId: channel.phoneNumberId, to });
  }
  return moved;
}

/** Meta echoes the request's `biz_opaque_callback_data` in every status of the message. */
function callbackDataOf(body: unknown): string | undefined {
  const value = (body as { biz_opaque_callback_data?: unknown } | null)?.biz_opaque_callback_data;
  return typeof value === "string" ? value : undefined;
}

/** Reports status changes to the app with one signed status webhook, like Meta does. */
async function report(channel: ChannelRow, moved: { wamid: string; to: string; body: unknown }[], status: ReportedStatus): Promise<void> {
  if (moved.length === 0) return;
  const at = new Date();
  const payload = statusesEnvelope(
    channel,
    moved.map((m) => buildStatus({ wamid: m.wamid, status, recipient: m.to, at, callbackData: callbackDataOf(m.body) })),
  );
  const result = await postSignedWebhookWithRetry(payload, channelSecrets(channel).appSecret);
  if (!result.ok) console.warn(`[sandbox] ${status} status webhook answered ${result.status || result.error}`);
}

/** After the fake Graph endpoint accepted a message: `sent`, then `delivered`, in the background. */
export function reportDeliveryLater(channel: ChannelRow, rowId: number): void {
  void (async () => {
    await sleep(SENT_AFTER_MS);
    const db = await getDb();
    await report(channel, await advance(db, channel, [rowId], "sent"), "sent");
    await sleep(DELIVERED_AFTER_MS);
    await report(channel, await advance(db, channel, [rowId], "delivered"), "delivered");
  })().catch((error) => console.error("[sandbox] status report failed", error));
}

/**
 * The simulator displayed a customer's chat: every business message to that customer not yet
 * read becomes `read`, reported in the background. Returns how many.
 */
export async function markBusinessMessagesRead(db: DbOrTx, channel: ChannelRow, phone: string): Promise<number> {
  const unread = await db
    .select({ id: sandboxMessages.id })
    .from(sandboxMessages)
    .where(
      and(
        eq(sandboxMessages.phoneNumberId, channel.phoneNumberId),
        eq(sandboxMessages.to, phone),
        eq(sandboxMessages.direction, "outbound"),
        inArray(sandboxMessages.status, BEFORE.read),
      ),
    )
    .orderBy(asc(sandboxMessages.id));
  const moved = await advance(db, channel, unread.map((r) => r.id), "read");
  // Never make the simulator wait for the app's webhook.
  void report(channel, moved, "read").catch((error) => console.error("[sandbox] read report failed", error));
  return moved.length;
}

import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { sandboxMessages } from "@/lib/db/schema";
import { channelSecrets } from "@/lib/channels/credentials";
import { publishEvent } from "@/lib/realtime/events";
import type { ChatMessage } from "./chat-message";
import { requireSandboxChannel } from "./channel";
import { toChatMessages } from "./conversation";
import { buildCustomerMessage, type CustomerInput, displayDigits, messagesEnvelope } from "./envelope";
import { postSignedWebhook, type WebhookDelivery } from "./deliver";
import type { SandboxSendInput } from "./schemas";

/** A customer's message: what /api/sandbox/send takes, or an attached file (lib/sandbox/customer-media.ts). */
export type CustomerSend = Omit<SandboxSendInput, "message"> & { message: CustomerInput };

export type SendResult = {
  message: ChatMessage;
  /** What the app's webhook route answered: the simulator shows a refusal instead of hiding it. */
  webhook: { ok: boolean; status: number; error?: string };
};

/** A readable reason from the webhook's answer (our JSON errors, or the raw text). */
function failureReason(delivery: WebhookDelivery): string {
  if (delivery.error) return delivery.error === "timeout" ? "no answer (timeout)" : delivery.error;
  let reason = delivery.body.trim();
  try {
    const parsed = JSON.parse(delivery.body) as { error?: { message?: string } | string };
    reason = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? reason);
  } catch {
    // not JSON: keep the text
  }
  return `HTTP ${delivery.status}${reason ? ` · ${reason.slice(0, 200)}` : ""}`;
}

/**
 * Plays the customer: records the message, posts it to the app's webhook route as a signed
 * Meta envelope and records the answer (200 → one tick; anything else → failed, with why).
 */
export async function sendAsCustomer(db: DbOrTx, input: CustomerSend): Promise<SendResult> {
  const channel = await requireSandboxChannel(db, input.phoneNumberId);
  const context = input.replyTo ? { from: displayDigits(channel.displayNumber), id: input.replyTo } : undefined;
  const message = buildCustomerMessage(await asWhatsAppSendsIt(db, channel.phoneNumberId, input), { from: input.phone, context });

  const [row] = await db
    .insert(sandboxMessages)
    .values({
      phoneNumberId: channel.phoneNumberId,
      to: input.phone,
      waMessageId: message.id,
      body: message,
      direction: "inbound",
      status: "sending",
      contactName: input.name,
    })
    .returning();
  await publishEvent(db, { type: "sandbox.message", phoneNumberId: channel.phoneNumberId, to: input.phone });

  const delivery = await postSignedWebhook(messagesEnvelope(channel, { waId: input.phone, name: input.name }, [message]), channelSecrets(channel).appSecret);
  const error = delivery.ok ? null : { status: delivery.status, reason: failureReason(delivery) };
  // Only from "sending": the app may already have marked the message read.
  const [updated] = await db
    .update(sandboxMessages)
    .set(delivery.ok ? { status: "sent" } : { status: "failed", error })
    .where(and(eq(sandboxMessages.id, row!.id), eq(sandboxMessages.status, "sending")))
    .returning();
  await publishEvent(db, { type: "sandbox.message", phoneNumberId: channel.phoneNumberId, to: input.phone });

  const [final] = updated ? [updated] : await db.select().from(sandboxMessages).where(eq(sandboxMessages.id, row!.id));
  const [chat] = toChatMessages([final!]);
  return { message: chat!, webhook: { ok: delivery.ok, status: delivery.status, ...(error ? { error: error.reason } : {}) } };
}

/** A tap on a template's quick-reply button reaches the business as a `button` message, not an interactive reply. */
async function asWhatsAppSendsIt(db: DbOrTx, phoneNumberId: string, input: CustomerSend): Promise<CustomerInput> {
  if (input.message.type !== "button_reply" || !input.replyTo) return input.message;
  const [replied] = await db
    .select({ body: sandboxMessages.body })
    .from(sandboxMessages)
    .where(and(eq(sandboxMessages.phoneNumberId, phoneNumberId), eq(sandboxMessages.waMessageId, input.replyTo), eq(sandboxMessages.direction, "outbound")))
    .limit(1);
  const type = (replied?.body as { type?: unknown } | undefined)?.type;
  return type === "template" ? { type: "template_button", text: input.message.title } : input.message;
}

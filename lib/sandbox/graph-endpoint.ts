import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { and, desc, eq, inArray, lte } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { sandboxMessages } from "@/lib/db/schema";
import { channelSecrets, getChannelByPhoneNumberId, type ChannelRow } from "@/lib/channels/credentials";
import { publishEvent } from "@/lib/realtime/events";
import { findUnstorableText } from "@/lib/text/storable";
import { readBodyWithLimit } from "@/lib/whatsapp/read-body";
import { newWamid } from "./envelope";
import { GraphError, invalidParameter, invalidToken, unknownPhoneNumber } from "./graph-error";
import { validateGraphRequest } from "./graph-validate";
import { checkSandboxTemplateSend } from "./graph-templates";
import { reportDeliveryLater } from "./statuses";

/** Real payloads are tiny; anything this big is a bug, and the sandbox should not store it. */
export const MAX_GRAPH_BODY_BYTES = 256 * 1024;

export function requestTooLarge(): GraphError {
  return new GraphError(413, 100, "(#100) Request body too large", `The request body is larger than ${MAX_GRAPH_BODY_BYTES} bytes.`);
}

export type GraphAnswer = { status: number; body: unknown };

export function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison leaks nothing about either.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The channel a request is for, when it is a sandbox channel and the bearer token is its access token. */
export async function authenticateGraphRequest(db: DbOrTx, phoneNumberId: string, authorization: string | null): Promise<ChannelRow> {
  // A NUL byte cannot be in any stored id (PostgreSQL would refuse the lookup itself).
  if (findUnstorableText(phoneNumberId)) throw unknownPhoneNumber(phoneNumberId);
  const channel = await getChannelByPhoneNumberId(db, phoneNumberId);
  if (!channel?.sandbox) throw unknownPhoneNumber(phoneNumberId);
  const token = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "")?.[1]?.trim() ?? "";
  if (!token || !sameSecret(token, channelSecrets(channel).accessToken)) throw invalidToken();
  return channel;
}

/**
 * The built-in fake Graph API for sandbox channels: `POST /{phone-number-id}/messages`.
 * Validates like Meta, stores what it accepts for the simulator, answers the real success
 * shape, then reports `sent` and `delivered` to the app's webhook in the background.
 *
 * The endpoint is public, so the caller is authenticated before a byte of the body is read
 * (an anonymous client cannot make the server read, let alone buffer, anything), and the
 * body is then read with its size capped while it streams: a chunked upload declares no
 * length, and the read stops with a 413 as soon as the cap is passed.
 */
export async function acceptGraphRequest(db: DbOrTx, params: { phoneNumberId: string; authorization: string | null; request: Request }): Promise<GraphAnswer> {
  const channel = await authenticateGraphRequest(db, params.phoneNumberId, params.authorization);
  const body = await readBodyWithLimit(params.request, MAX_GRAPH_BODY_BYTES);
  if (!body.ok) throw requestTooLarge();
  let input: unknown;
  try {
    input = JSON.parse(body.body.toString("utf8"));
  } catch {
    throw invalidParameter("The request body is not valid JSON.");
  }
  const unstorable = findUnstorableText(input);
  if (unstorable) throw invalidParameter(`${unstorable.path || "The body"} ${unstorable.message}.`);
  const request = validateGraphRequest(input);

  if (request.kind === "read") {
    await markCustomerMessageRead(db, channel.phoneNumberId, request.messageId, request.typing);
    return { status: 200, body: { success: true } };
  }

  // A template is checked against the sandbox WABA's own (132001/132000 like Meta); its
  // components are kept beside the request so the simulator shows it as WhatsApp would.
  const stored =
    request.type === "template"
      ? { ...(input as object), sandbox_template: { components: await checkSandboxTemplateSend(db, channel, (input as { template: Record<string, unknown> }).template) } }
      : (input as object);
  const wamid = newWamid();
  const [row] = await db
    .insert(sandboxMessages)
    .values({ phoneNumberId: channel.phoneNumberId, to: request.waId, waMessageId: wamid, body: stored, direction: "outbound", status: "accepted" })
    .returning({ id: sandboxMessages.id });
  await publishEvent(db, { type: "sandbox.message", phoneNumberId: channel.phoneNumberId, to: request.waId });
  reportDeliveryLater(channel, row!.id);
  return {
    status: 200,
    body: {
      messaging_product: "whatsapp",
      contacts: [{ input: request.to, wa_id: request.waId }],
      messages: [{ id: wamid, ...(request.type === "template" ? { message_status: "accepted" } : {}) }],
    },
  };
}

/**
 * The app marked a customer's message read: like WhatsApp, that message and every earlier one
 * of the chat show blue ticks. An unknown id is not an error (the message may predate the
 * simulator's records), as the real API does not tell either.
 */
async function markCustomerMessageRead(db: DbOrTx, phoneNumberId: string, messageId: string, typing: boolean): Promise<void> {
  const [target] = await db
    .select({ id: sandboxMessages.id, to: sandboxMessages.to })
    .from(sandboxMessages)
    .where(and(eq(sandboxMessages.phoneNumberId, phoneNumberId), eq(sandboxMessages.waMessageId, messageId), eq(sandboxMessages.direction, "inbound")))
    .orderBy(desc(sandboxMessages.id))
    .limit(1);
  if (!target) return;
  await db
    .update(sandboxMessages)
    .set({ status: "read" })
    .where(
      and(
        eq(sandboxMessages.phoneNumberId, phoneNumberId),
        eq(sandboxMessages.to, target.to),
        eq(sandboxMessages.direction, "inbound"),
        lte(sandboxMessages.id, target.id),
        // "sending": the app can read a message before the simulator has recorded the webhook's 200.
        inArray(sandboxMessages.status, ["sending", "sent"]),
      ),
    );
  if (typing) await db.update(sandboxMessages).set({ typingAt: new Date() }).where(eq(sandboxMessages.id, target.id));
  await publishEvent(db, { type: "sandbox.message", phoneNumberId, to: target.to });
}

/** Unexpected failures still answer in Graph's shape (131000, "something went wrong"), which senders retry. */
export function graphErrorAnswer(error: unknown): GraphAnswer & { headers?: Record<string, string> } {
  if (error instanceof GraphError) {
    return { status: error.httpStatus, body: error.toBody(), ...(error.httpStatus === 401 ? { headers: { "www-authenticate": 'OAuth "Facebook Platform" "invalid_token"' } } : {}) };
  }
  console.error("[sandbox] fake Graph endpoint failed", error);
  return { status: 500, body: new GraphError(500, 131000, "Something went wrong", "The sandbox could not store the message.").toBody() };
}

import "server-only";
import type { Db } from "@/lib/db/types";
import { verifySignature } from "@/lib/whatsapp/signature";
import { parseWebhookPayload, type InboundMessageEvent, type StatusEvent, type TemplateStatusEvent } from "@/lib/whatsapp/webhook-events";
import { applyTemplateStatuses, channelsOfWaba } from "@/lib/contacts/template-store/status";
import { getChannels, type RuntimeChannel } from "./channel-cache";
import { parseOutboxCallbackData } from "./callback-data";
import { type Stored, writeWebhook } from "./webhook-writer";
import { wakeInbox } from "./signals";
import { record } from "./stats";
import { env } from "@/lib/config/env";

export type IngestOutcome = {
  status: 200 | 400 | 401 | 503;
  message: string;
  stored?: { messages: number; statuses: number; ignored: number };
};

/** Longest the webhook waits for the database before answering 503 (Meta then retries). */
const STORE_TIMEOUT_MS = env.WEBHOOK_STORE_TIMEOUT_MS;

class StoreTimeout extends Error {}

function log(message: string, detail?: unknown) {
  console.warn(`[atendo webhook] ${message}`, detail ?? "");
}

/**
 * The webhook's whole job: authenticate, parse, store durably, answer. Nothing is processed
 * here — the worker does that after the commit — so the answer stays fast and a crash after
 * the 200 loses nothing. Duplicates (Meta retries) fall on the unique keys and are ignored.
 */
export async function ingestWebhook(db: Db, raw: Buffer, signature: string | null): Promise<IngestOutcome> {
  if (!signature) return { status: 401, message: "Missing X-Hub-Signature-256" };

  let snapshot: Awaited<ReturnType<typeof getChannels>>;
  try {
    snapshot = await getChannels(db);
  } catch (error) {
    log("database unavailable while loading channels", (error as Error).message);
    return { status: 503, message: "Temporarily unavailable" };
  }
  let verified = verifiedChannels(snapshot.list, raw, signature);
  if (verified.size === 0) {
    // The app secret may have just been changed in another instance: re-read once.
    try {
      snapshot = await getChannels(db, { fresh: true });
      verified = verifiedChannels(snapshot.list, raw, signature);
    } catch {
      // keep the cached verdict
    }
    if (verified.size === 0) return { status: 401, message: "Invalid signature" };
  }

  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return { status: 400, message: "The body is not valid JSON" };
  }
  const parsed = parseWebhookPayload(json);
  if (!parsed.ok) return { status: 400, message: parsed.reason };

  const templateStatuses: TemplateStatusEvent[] = [];
  const messages: { channel: RuntimeChannel; event: InboundMessageEvent }[] = [];
  const statuses: { channel: RuntimeChannel; event: StatusEvent }[] = [];
  let ignored = 0;
  for (const event of parsed.events) {
    if (event.kind === "template_status") {
      templateStatuses.push(event);
      continue;
    }
    if (event.kind === "skipped") {
      ignored++;
      log(`skipped an unreadable item (${event.reason})`);
      continue;
    }
    const channel = event.phoneNumberId ? snapshot.byPhone.get(event.phoneNumberId) : undefined;
    if (event.kind === "error") {
      log(`Meta reported errors for ${event.phoneNumberId ?? "an unknown number"}`, JSON.stringify(event.errors));
      continue;
    }
    if (!channel) {
      ignored++;
      log(`ignored a ${event.kind} for unknown phone_number_id ${event.phoneNumberId}`);
      continue;
    }
    // One app signs for all its numbers; a payload naming a number of another app is forged.
    if (!verified.has(channel.id)) return { status: 401, message: "Invalid signature" };
    if (event.kind === "message") messages.push({ channel, event });
    else statuses.push({ channel, event });
  }
  if (templateStatuses.length > 0) {
    // Rare (a few per template's life): applied here, off the messages' path below.
    const outcome = await storeTemplateStatuses(db, templateStatuses, verified);
    if (outcome) return outcome;
  }
  if (messages.length === 0 && statuses.length === 0) return { status: 200, message: "OK", stored: { messages: 0, statuses: 0, ignored } };

  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  try {
    const stored = await Promise.race([
      store(db, messages, statuses),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new StoreTimeout("store timed out")), STORE_TIMEOUT_MS);
      }),
    ]);
    if (stored.messages > 0) wakeInbox();
    record("ingest", stored.messages + stored.statuses, performance.now() - started);
    return { status: 200, message: "OK", stored: { ...stored, ignored } };
  } catch (error) {
    log("could not store the webhook; answering 503 so Meta retries", (error as Error).message);
    return { status: 503, message: "Temporarily unavailable" };
  } finally {
    clearTimeout(timer);
  }
}

function verifiedChannels(list: RuntimeChannel[], raw: Buffer, signature: string): Set<string> {
  const ok = new Set<string>();
  const bySecret = new Map<string, boolean>();
  for (const channel of list) {
    if (!channel.appSecret) continue;
    let valid = bySecret.get(channel.appSecret);
    if (valid === undefined) {
      valid = verifySignature(raw, signature, channel.appSecret);
      bySecret.set(channel.appSecret, valid);
    }
    if (valid) ok.add(channel.id);
  }
  return ok;
}

async function store(
  db: Db,
  messages: { channel: RuntimeChannel; event: InboundMessageEvent }[],
  statuses: { channel: RuntimeChannel; event: StatusEvent }[],
): Promise<Stored> {
  return writeWebhook(db, {
    messages: messages.map(({ channel, event }) => ({
      channel_id: channel.id,
      wa_message_id: event.waMessageId,
      contact_wa_id: event.waId,
      contact_name: event.contactName,
      wa_timestamp: event.timestamp,
      type: event.type,
      payload: event.raw,
    })),
    statuses: statuses.map(({ channel, event }) => {
      const ref = parseOutboxCallbackData(event.callbackData);
      return {
        channel_id: channel.id,
        wa_message_id: event.waMessageId,
        status: event.status,
        wa_timestamp: event.timestamp,
        errors: event.errors,
        confirms: ref ? { id: ref.outboxId, attempt: ref.attempt } : null,
      };
    }),
  });
}

/**
 * Template status updates name a WABA, not a number: they go to the channels of that WABA
 * whose app secret signed the payload. A failure answers 503 so Meta sends them again.
 */
async function storeTemplateStatuses(db: Db, events: TemplateStatusEvent[], verified: Set<string>): Promise<IngestOutcome | null> {
  try {
    const channels = await channelsOfWaba(db, [...new Set(events.map((e) => e.wabaId))]);
    const routed = events.map((event) => ({
      event,
      channelIds: channels.filter((c) => c.wabaId === event.wabaId && verified.has(c.id)).map((c) => c.id),
    }));
    for (const r of routed) if (r.channelIds.length === 0) log(`ignored a template status for WABA ${r.event.wabaId}: no channel of this app has it`);
    await applyTemplateStatuses(db, routed);
    return null;
  } catch (error) {
    log("could not store a template status; answering 503 so Meta retries", (error as Error).message);
    return { status: 503, message: "Temporarily unavailable" };
  }
}

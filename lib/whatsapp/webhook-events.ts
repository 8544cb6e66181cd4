/**
 * Meta's webhook envelope → a flat list of events. Every entry, change, message, status and
 * error is visited (Meta batches up to 1,000 updates per POST; reading only index 0 loses
 * messages). The envelope itself is checked strictly — a body that is not a WhatsApp
 * envelope is refused — but a single malformed item is skipped and reported rather than
 * failing the whole batch, because refusing would make Meta redeliver (and block) the
 * valid items with it.
 */
import { z } from "zod";
import { toStorableJson } from "@/lib/text/storable";
import { INBOUND_TYPES, type InboundType } from "./inbound-content";

/**
 * Containers a webhook body may nest (Meta's go about ten deep). Deeper parts are replaced
 * by a marker before anything else reads the body: a signed payload nested thousands deep
 * overflowed the stack where the inbox row is serialized, answered 503 and failed the whole
 * batch at every retry. The item itself is kept (stored and answered), just without that part.
 */
export const MAX_WEBHOOK_DEPTH = 64;

const timestampSchema = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((v) => Number(v));

const contactSchema = z.looseObject({
  wa_id: z.string().min(1),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});

const messageSchema = z.looseObject({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: timestampSchema,
  type: z.string().min(1),
});

const errorItemSchema = z.looseObject({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
});

const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: timestampSchema,
  recipient_id: z.string().optional(),
  errors: z.array(errorItemSchema).optional(),
  /** Echo of the `biz_opaque_callback_data` we sent with the message. */
  biz_opaque_callback_data: z.string().optional(),
});

const valueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ phone_number_id: z.string().min(1), display_phone_number: z.string().optional() }).optional(),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

export const webhookEnvelopeSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.looseObject({
      id: z.string().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;

export type InboundMessageEvent = {
  kind: "message";
  phoneNumberId: string;
  /** The customer's wa_id (`from`). */
  waId: string;
  contactName: string | null;
  waMessageId: string;
  /** Unix seconds. */
  timestamp: number;
  /** One of the fact sheet's types; anything else is `unsupported` (the raw message keeps the original). */
  type: InboundType;
  raw: Record<string, unknown>;
};

export type StatusEvent = {
  kind: "status";
  phoneNumberId: string;
  waMessageId: string;
  status: string;
  timestamp: number;
  recipientId: string | null;
  errors: unknown[] | null;
  /** The `biz_opaque_callback_data` of the message, echoed by Meta (ours name the outbox row). */
  callbackData: string | null;
};

/**
 * `message_template_status_update`: a template of the WABA (`entry.id`) was approved,
 * rejected (with a reason), paused, disabled… Routed by WABA, not by phone number.
 */
export type TemplateStatusEvent = {
  kind: "template_status";
  wabaId: string;
  /** Meta's template id (sent as a number; kept as text like every Graph id). */
  templateId: string | null;
  name: string | null;
  language: string | null;
  /** APPROVED, REJECTED, PAUSED, DISABLED, PENDING, REINSTATED, FLAGGED… */
  event: string;
  reason: string | null;
};

const templateStatusSchema = z.looseObject({
  event: z.string().min(1),
  message_template_id: z.union([z.string(), z.number()]).optional(),
  message_template_name: z.string().optional(),
  message_template_language: z.string().optional(),
  reason: z.string().nullable().optional(),
});

/** `value.errors`: problems Meta reports about the number or the app, not tied to a message. */
export type ErrorEvent = { kind: "error"; phoneNumberId: string | null; errors: unknown[] };

/** An item we could not read; logged, never stored. */
export type SkippedEvent = { kind: "skipped"; phoneNumberId: string | null; reason: string; item: unknown };

export type WebhookEvent = InboundMessageEvent | StatusEvent | TemplateStatusEvent | ErrorEvent | SkippedEvent;

export type ParseResult = { ok: true; events: WebhookEvent[] } | { ok: false; reason: string };

const KNOWN_TYPES: ReadonlySet<string> = new Set(INBOUND_TYPES);

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "invalid";
}

/**
 * Parses an already JSON-decoded body. A customer's text is never refused (Meta would
 * redeliver it forever): characters PostgreSQL cannot store — U+0000, unpaired surrogates —
 * become U+FFFD, and parts nested deeper than `MAX_WEBHOOK_DEPTH` are cut (see above).
 */
export function parseWebhookPayload(decoded: unknown): ParseResult {
  const body = toStorableJson(decoded, MAX_WEBHOOK_DEPTH);
  const envelope = webhookEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: `Not a WhatsApp webhook envelope (${issue(envelope.error)})` };
  const events: WebhookEvent[] = [];
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      if (change.field === "message_template_status_update") {
        collectTemplateStatus(entry.id, change.value, events);
        continue;
      }
      // Other fields (account_update, phone_number_quality_update…) carry nothing Atendo keeps.
      if (change.field !== "messages") continue;
      const value = valueSchema.safeParse(change.value);
      if (!value.success) {
        events.push({ kind: "skipped", phoneNumberId: null, reason: `change value: ${issue(value.error)}`, item: change.value });
        continue;
      }
      collectChange(value.data, events);
    }
  }
  return { ok: true, events };
}

function collectChange(value: z.infer<typeof valueSchema>, events: WebhookEvent[]): void {
  const phoneNumberId = value.metadata?.phone_number_id ?? null;
  const hasItems = (value.messages?.length ?? 0) + (value.statuses?.length ?? 0) > 0;
  if (!phoneNumberId) {
    if (hasItems || value.errors?.length) events.push({ kind: "skipped", phoneNumberId: null, reason: "change without metadata.phone_number_id", item: value });
    return;
  }
  const names = new Map<string, string>();
  for (const raw of value.contacts ?? []) {
    const contact = contactSchema.safeParse(raw);
    if (contact.success && contact.data.profile?.name) names.set(contact.data.wa_id, contact.data.profile.name);
  }
  for (const raw of value.messages ?? []) {
    const message = messageSchema.safeParse(raw);
    if (!message.success) {
      events.push({ kind: "skipped", phoneNumberId, reason: `message: ${issue(message.error)}`, item: raw });
      continue;
    }
    const m = message.data;
    events.push({
      kind: "message",
      phoneNumberId,
      waId: m.from,
      contactName: names.get(m.from) ?? null,
      waMessageId: m.id,
      timestamp: m.timestamp,
      type: KNOWN_TYPES.has(m.type) ? (m.type as InboundType) : "unsupported",
      raw: raw as Record<string, unknown>,
    });
  }
  for (const raw of value.statuses ?? []) {
    const status = statusSchema.safeParse(raw);
    if (!status.success) {
      events.push({ kind: "skipped", phoneNumberId, reason: `status: ${issue(status.error)}`, item: raw });
      continue;
    }
    const s = status.data;
    events.push({
      kind: "status",
      phoneNumberId,
      waMessageId: s.id,
      status: s.status,
      timestamp: s.timestamp,
      recipientId: s.recipient_id ?? null,
      errors: s.errors?.length ? s.errors : null,
      callbackData: s.biz_opaque_callback_data ?? null,
    });
  }
  if (value.errors?.length) events.push({ kind: "error", phoneNumberId, errors: value.errors });
}

function collectTemplateStatus(wabaId: string | undefined, raw: unknown, events: WebhookEvent[]): void {
  const parsed = templateStatusSchema.safeParse(raw);
  if (!parsed.success || !wabaId) {
    events.push({ kind: "skipped", phoneNumberId: null, reason: wabaId ? `template status: ${issue(parsed.error!)}` : "template status without entry.id", item: raw });
    return;
  }
  const v = parsed.data;
  events.push({
    kind: "template_status",
    wabaId,
    templateId: v.message_template_id !== undefined ? String(v.message_template_id) : null,
    name: v.message_template_name ?? null,
    language: v.message_template_language ?? null,
    event: v.event.toUpperCase(),
    reason: v.reason ?? null,
  });
}

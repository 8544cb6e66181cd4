import "server-only";
import { randomUUID } from "node:crypto";
import { timeOrderedId } from "./ids";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { contacts, conversations, inbox } from "@/lib/db/schema";
import { PROTOCOL_PATTERN } from "@/lib/desk/protocol";
import { assignToReturningAgent } from "@/lib/desk/return-assign";
import { isOpen } from "@/lib/flow/business-hours";
import { initialState, step } from "@/lib/flow/engine";
import type { FlowEffect, FlowInput, FlowState, HttpRequestSpec, StepResult } from "@/lib/flow/engine-types";
import type { HttpRunResult } from "@/lib/flow/http";
import { renderMarkAsRead } from "@/lib/flow/render";
import { renderTemplate } from "@/lib/flow/template";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { customerText, flowInputOf, type InboundContent, MEDIA_TYPES, type MediaType, readableBody, readInboundContent } from "@/lib/whatsapp/inbound-content";
import { getChannels, type RuntimeChannel } from "./channel-cache";
import { libraryMediaOf, outboundRows, type OutgoingContent, withLibraryMediaId } from "./enqueue";
import { loadVersions, type LoadedVersion } from "./flow-versions";
import { leaseHolder } from "./instance";
import { LEASE_MS, type MarkRead, type OutboxRow } from "./sender";
import { idArray, run, type Finish, type Statement, stmt } from "./sql";
import { allocateProtocols } from "./protocols";
import { afterScore, type CsatDecision, type CsatWrite, decideCsat, mayConcernSurvey, writeCsat } from "./csat";
import { getRuntimeWorkspace, type RuntimeWorkspace } from "./workspace-cache";
import { checkFieldSaves, type FieldSave, type FieldWrite, loadContactFields, writeContactFields } from "./contact-fields";
import { optIntent } from "@/lib/contacts/opt-out/keywords";
import { optIn, optOut } from "@/lib/contacts/opt-out/store";
import { type CampaignReply, loadOpening, markCampaignReplies, type Opening } from "./opening";

/** A claimed inbox row: a customer message, or an HTTP call a flow is waiting for. */
export type InboxRow = {
  id: number;
  channelId: string;
  waMessageId: string;
  contactWaId: string;
  contactName: string | null;
  waTimestamp: number;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
};

/** Inbox rows of this type are HTTP calls of `http_request` nodes, queued behind the message that triggered them. */
export const HTTP_JOB_TYPE = "http_request";

export type HttpJobPayload = { conversationId: string; nodeId: string; request: HttpRequestSpec; contactName: string | null };

/**
 * What a batch wrote, for the caller to act on after the commit: `queued` outbox rows wait for
 * the sender's claim; `direct` ones were written already leased to this instance's sender and
 * are handed to it in memory (no claim round trip); `markReads` are read receipts to send.
 */
/**
 * What a committed batch leaves for after its commit: replies handed to the sender, read
 * receipts, and the live events (published then, many to a NOTIFY: lib/realtime/publisher.ts).
 */
export type Written = { queued: number; jobs: number; media: number; direct: OutboxRow[]; markReads: MarkRead[]; events: RealtimeEvent[] };

export const NOTHING_WRITTEN: Written = { queued: 0, jobs: 0, media: 0, direct: [], markReads: [], events: [] };

/**
 * How the batch may hand its replies to a sender running in this thread: at most `slots`
 * messages (the sender's free capacity). Without it every reply is queued for the claim.
 */
export type DirectHandoff = { slots: number };

/**
 * A claimed row to process: a customer message comes with its contact and the contact's open
 * conversation (`claimMessages` loads and locks them in the claim itself); an HTTP job with
 * the call's result.
 */
export type WorkItem = MessageItem | HttpItem;
type MessageItem = { row: InboxRow; contact: Contact & { csatPending?: unknown }; openConversation: RawConversation | null };
type HttpItem = { row: InboxRow; httpResult: HttpRunResult };

type ConversationStatus = "bot" | "queued" | "assigned" | "closed";

type Conv = {
  id: string;
  isNew: boolean;
  protocol: string;
  channelId: string;
  contactId: string;
  status: ConversationStatus;
  flowVersionId: string | null;
  flowState: FlowState | null;
  queueId: string | null;
  queuedAt: Date | null;
  closedAt: Date | null;
  closedReason: string | null;
  lastActivityAt: Date;
  lastInboundAt: Date | null;
  unreadCount: number;
  /** How the bot's part ended (docs/analytics.md): set once, when the bot lets go. */
  botOutcome: BotOutcome | null;
  botOutcomeAt: Date | null;
  botOutcomeNode: string | null;
  /** Answers taken at waiting nodes: { nodeId: [answers, invalid] }. */
  botAnswers: Record<string, [number, number]> | null;
};

type BotOutcome = "contained" | "handoff" | "abandoned";

type MessageInsert = {
  id: string;
  conversationId: string;
  direction: "inbound" | "outbound" | "note" | "system";
  author: string;
  type: string;
  body: string | null;
  payload: unknown;
  waMessageId?: string | null;
  deliveryStatus?: "pending" | null;
  error?: unknown;
  flowNodeId?: string | null;
  /** An inbound media message's file: its media row is written in the same statement. */
  media?: MediaInsert;
};

/**
 * A media row (docs/media.md): an inbound file, pending until the fetcher downloads it after
 * the commit; or a media library file a flow sends (`libraryId`), stored already — the row
 * shares the library's file and is what the transcript shows.
 */
type MediaInsert = {
  id: string;
  channelId: string;
  conversationId: string;
  waMediaId: string;
  kind: MediaType;
  declaredMime: string | null;
  sha256: string | null;
  filename: string | null;
  caption: string | null;
  voice: boolean;
  libraryId?: string;
};

type OutboxInsert = {
  /** Written leased to this instance's sender (decided per contact in flush). */
  direct?: boolean;
  channelId: string;
  conversationId: string;
  messageId: string | null;
  contactWaId: string;
  kind: "message" | "mark_read";
  body: unknown;
};

type Contact = { id: string; name: string | null; fields?: Record<string, string> | null; optedOut?: boolean };

/** An opt-out or opt-in keyword a customer wrote (docs/outreach.md): written, and audited, in the batch. */
type OptWrite = { contactId: string; intent: "opt_out" | "opt_in"; source: "keyword" | "flow"; details: Record<string, unknown> };

/**
 * How long a conversation the business opened for a flow (a notification whose reply starts a
 * flow, docs/outreach.md) waits for that reply before it is let go like an idle bot conversation.
 */
const REPLY_WAIT_MS = 7 * 24 * 60 * 60 * 1000;

/** An earlier conversation of the same customer, quoted by its protocol. */
type Quoted = { id: string; protocol: string; queueId: string | null; assigneeId: string | null };

/** Everything one batch writes, flushed in a handful of statements at the end. */
class Plan {
  messages: MessageInsert[] = [];
  outbox: OutboxInsert[] = [];
  markReads: MarkRead[] = [];
  jobs: (typeof inbox.$inferInsert)[] = [];
  events: RealtimeEvent[] = [];
  done: number[] = [];
  /** Conversations linked to the earlier one their customer quoted. */
  links: { conversationId: string; linkedId: string }[] = [];
  /** Handoffs back to a quoted conversation's queue whose agent gets the first chance. */
  returns: { conversationId: string; queueId: string; agentId: string; quotedProtocol: string }[] = [];
  touched = new Map<string, Conv>();
  /** Conversations closed by idle timeout in this batch: written before their successors. */
  expired: Conv[] = [];
  /** Satisfaction survey answers and comments (lib/runtime/csat.ts); empty in nearly every batch. */
  csat: CsatWrite[] = [];
  /** Values flows saved into contact profile fields (lib/runtime/contact-fields.ts); usually none. */
  fieldSaves: FieldSave[] = [];
  /** …checked against the fields' kinds: the values to merge into each contact's profile. */
  fieldWrites: FieldWrite[] = [];
  /** Opt-out and opt-in keywords; empty in nearly every batch. */
  opt: OptWrite[] = [];
  /** Campaign recipients whose reply opened a conversation; usually none. */
  campaignReplies: { recipientId: number; conversationId: string }[] = [];
}

type Context = {
  tx: DbOrTx;
  now: Date;
  ws: RuntimeWorkspace;
  channels: Map<string, RuntimeChannel>;
  versions: Map<string, LoadedVersion>;
  plan: Plan;
  /** The customers' own earlier conversations their messages (or flows) refer to, by `contactId/protocol`. */
  quoted: Map<string, Quoted>;
  direct: DirectHandoff | null;
  /** Contacts of the batch's HTTP results who opted out of marketing (a `template` step skips marketing for them). */
  optedOut: Set<string>;
  /** New conversations that answer a campaign, by conversation id (lib/runtime/opening.ts); usually none. */
  campaignReplies: Map<string, CampaignReply>;
  /** Commits with the batch's last statement (see batchTransaction in sql.ts); absent: the caller commits. */
  finish?: Finish;
};

function toConv(row: typeof conversations.$inferSelect): Conv {
  return {
    id: row.id,
    isNew: false,
    protocol: row.protocol,
    channelId: row.channelId,
    contactId: row.contactId,
    status: row.status,
    flowVersionId: row.flowVersionId,
    flowState: (row.flowState as FlowState | null) ?? null,
    queueId: row.queueId,
    queuedAt: row.queuedAt,
    closedAt: row.closedAt,
    closedReason: row.closedReason,
    lastActivityAt: row.lastActivityAt,
    lastInboundAt: row.lastInboundAt,
    unreadCount: row.unreadCount,
    botOutcome: (row.botOutcome as BotOutcome | null) ?? null,
    botOutcomeAt: row.botOutcomeAt,
    botOutcomeNode: row.botOutcomeNode,
    botAnswers: row.botAnswers ?? null,
  };
}

/** A conversations row as `to_jsonb` returns it. */
export type RawConversation = {
  id: string;
  protocol: string;
  channel_id: string;
  contact_id: string;
  status: ConversationStatus;
  flow_version_id: string | null;
  flow_state: FlowState | null;
  queue_id: string | null;
  queued_at: string | null;
  closed_at: string | null;
  closed_reason: string | null;
  last_activity_at: string;
  last_inbound_at: string | null;
  unread_count: number;
  bot_outcome?: BotOutcome | null;
  bot_outcome_at?: string | null;
  bot_outcome_node?: string | null;
  bot_answers?: Record<string, [number, number]> | null;
};

const dateOrNull = (v: string | null) => (v ? new Date(v) : null);

function fromRaw(r: RawConversation): Conv {
  return {
    id: r.id,
    isNew: false,
    protocol: r.protocol,
    channelId: r.channel_id,
    contactId: r.contact_id,
    status: r.status,
    flowVersionId: r.flow_version_id,
    flowState: r.flow_state ?? null,
    queueId: r.queue_id,
    queuedAt: dateOrNull(r.queued_at),
    closedAt: dateOrNull(r.closed_at),
    closedReason: r.closed_reason,
    lastActivityAt: new Date(r.last_activity_at),
    lastInboundAt: dateOrNull(r.last_inbound_at),
    unreadCount: r.unread_count,
    botOutcome: r.bot_outcome ?? null,
    botOutcomeAt: dateOrNull(r.bot_outcome_at ?? null),
    botOutcomeNode: r.bot_outcome_node ?? null,
    botAnswers: r.bot_answers ?? null,
  };
}

function timeoutMinutes(ctx: Context, conv: Conv): number {
  const doc = conv.flowVersionId ? ctx.versions.get(conv.flowVersionId)?.document : null;
  return doc?.settings?.sessionTimeoutMinutes ?? 30;
}

function isExpired(ctx: Context, conv: Conv): boolean {
  if (conv.status !== "bot") return false;
  const idle = ctx.now.getTime() - conv.lastActivityAt.getTime();
  return awaitsFirstReply(conv) ? idle > REPLY_WAIT_MS : idle > timeoutMinutes(ctx, conv) * 60_000;
}

/**
 * A conversation the business opened with a notification whose reply starts a flow: in the
 * bot, its flow not started yet (every conversation the runtime opens steps its flow at once).
 */
function awaitsFirstReply(conv: Conv): boolean {
  return conv.status === "bot" && conv.flowState === null && !conv.isNew;
}

/**
 * Runs one batch of claimed inbox rows (each of a different contact — the claim guarantees
 * it) inside the caller's transaction: contacts, conversations, engine, transcript, outbox,
 * handoffs and the rows marked done all commit together or not at all.
 * Returns how many outbox rows and HTTP jobs were written (to wake their loops after commit).
 */
export async function processItems(tx: DbOrTx, items: WorkItem[], direct: DirectHandoff | null = null, finish?: Finish): Promise<Written> {
  if (items.length === 0) return NOTHING_WRITTEN;
  const now = new Date();
  const ws = await getRuntimeWorkspace(tx);
  const channelSnapshot = await getChannels(tx);
  const plan = new Plan();
  const ctx: Context = { tx, now, ws, channels: channelSnapshot.byId, versions: new Map(), plan, quoted: new Map(), direct, finish, optedOut: new Set(), campaignReplies: new Map() };

  const claimedMessages = items.filter((i): i is MessageItem => "contact" in i);
  const httpItems = items.filter((i): i is HttpItem => "httpResult" in i);

  // 1. Contacts and their open conversations: loaded, and locked, by the claim.
  const contactByKey = new Map<string, Contact>();
  const openByContact = new Map<string, Conv>();
  const byId = new Map<string, Conv>();
  const remember = (conv: Conv) => {
    byId.set(conv.id, conv);
    if (conv.status !== "closed") openByContact.set(conv.contactId, conv);
  };
  for (const item of claimedMessages) {
    contactByKey.set(`${item.row.channelId}/${item.row.contactWaId}`, item.contact);
    if (item.openConversation) remember(fromRaw(item.openConversation));
  }

  // 2. Satisfaction survey answers are recorded and go nowhere else: not into the bot, not
  // into a new conversation, never reopening the one surveyed. Contacts with no survey
  // waiting whose message is no reply are let through without reading anything.
  const surveyAnswers: { item: MessageItem; decision: Exclude<CsatDecision, { kind: "none" | "expire" }> }[] = [];
  const messageItems = claimedMessages.filter((item) => {
    if (!mayConcernSurvey(item.row.type, item.contact.csatPending)) return true;
    const decision = decideCsat(readInboundContent(item.row.payload), item.contact.csatPending, now);
    if (decision.kind === "none") return true;
    if (decision.kind === "expire") {
      plan.csat.push({ conversationId: decision.pending.conversationId, contactId: item.contact.id, score: null, comment: null, pending: null });
      return true;
    }
    surveyAnswers.push({ item, decision });
    return false;
  });
  const jobPayloads = new Map(httpItems.map((i) => [i.row.id, i.row.payload as unknown as HttpJobPayload]));
  const jobConversationIds = [...jobPayloads.values()].map((p) => p.conversationId);
  if (jobConversationIds.length > 0) {
    for (const row of await tx.select().from(conversations).where(inArray(conversations.id, jobConversationIds)).for("update")) remember(toConv(row));
    const contactIds = [...new Set([...byId.values()].map((c) => c.contactId))];
    for (const c of await tx.select({ id: contacts.id }).from(contacts).where(and(inArray(contacts.id, contactIds), isNotNull(contacts.optedOutAt)))) ctx.optedOut.add(c.id);
  }
  const convRows = [...byId.values()];
  // HTTP results resume a flow that may read {{contact.<field>}}: their contacts' fields, only in a batch that has any.
  const jobContactFields = httpItems.length > 0 ? await loadContactFields(tx, [...new Set(httpItems.map((i) => byId.get(jobPayloads.get(i.row.id)!.conversationId)?.contactId).filter((c): c is string => !!c))]) : null;
  ctx.versions = await loadVersions(tx, convRows.map((c) => c.flowVersionId).filter((v): v is string => !!v));

  // 3. Which messages open a new conversation (none open, or the open one idled out)?
  const opening: WorkItem[] = [];
  for (const item of messageItems) {
    const contact = contactByKey.get(`${item.row.channelId}/${item.row.contactWaId}`)!;
    const open = openByContact.get(contact.id);
    if (open && isExpired(ctx, open)) {
      open.status = "closed";
      open.closedAt = now;
      open.closedReason = "timeout";
      settleBotOutcome(open, "abandoned", now);
      plan.expired.push(open);
      plan.events.push({ type: "conversation.closed", conversationId: open.id, queueId: open.queueId });
      openByContact.delete(contact.id);
    }
    if (!openByContact.has(contact.id)) opening.push(item);
  }
  // The channels' flows, and which openers are answering a campaign (its reply goes to the
  // flow or queue the campaign chose): one statement, only in a batch that opens any.
  let openingInfo: Opening = { versionByChannel: new Map(), replies: new Map() };
  if (opening.length > 0) {
    openingInfo = await loadOpening(tx, opening.map((i) => ({ channelId: i.row.channelId, waId: i.row.contactWaId })));
    const versionIds = [...openingInfo.versionByChannel.values(), ...[...openingInfo.replies.values()].map((r) => r.flowVersionId)];
    const more = await loadVersions(tx, versionIds.filter((v): v is string => !!v));
    for (const [id, v] of more) ctx.versions.set(id, v);
  }
  const protocols = await allocateProtocols(tx, ws.timeZone, now, opening.length);
  const opened = new Map<number, Conv>();
  opening.forEach((item, i) => {
    const contact = contactByKey.get(`${item.row.channelId}/${item.row.contactWaId}`)!;
    const reply = openingInfo.replies.get(`${item.row.channelId}/${item.row.contactWaId}`);
    const conv: Conv = {
      // Time-ordered ids: new rows land at the right edge of the primary-key and
      // conversation indexes instead of on random pages all over them.
      id: timeOrderedId(),
      isNew: true,
      protocol: protocols[i]!,
      channelId: item.row.channelId,
      contactId: contact.id,
      status: "bot",
      flowVersionId: reply?.flowVersionId ?? openingInfo.versionByChannel.get(item.row.channelId) ?? null,
      flowState: null,
      queueId: null,
      queuedAt: null,
      closedAt: null,
      closedReason: null,
      lastActivityAt: now,
      lastInboundAt: null,
      unreadCount: 0,
      botOutcome: null,
      botOutcomeAt: null,
      botOutcomeNode: null,
      botAnswers: null,
    };
    opened.set(item.row.id, conv);
    openByContact.set(contact.id, conv);
    if (reply) ctx.campaignReplies.set(conv.id, reply);
  });

  // 3b. Returning customers: earlier protocols quoted now, or remembered by a flow that may
  // hand off back to them. One query, and only in a batch that has any.
  const wanted: { contactId: string; protocol: string }[] = [];
  for (const item of messageItems) {
    const contact = contactByKey.get(`${item.row.channelId}/${item.row.contactWaId}`)!;
    const quotedNow = customerText(readInboundContent(item.row.payload))?.match(PROTOCOL_PATTERN)?.[1];
    if (quotedNow) wanted.push({ contactId: contact.id, protocol: quotedNow });
    const remembered = rememberedQuote(openByContact.get(contact.id));
    if (remembered) wanted.push({ contactId: contact.id, protocol: remembered });
  }
  for (const item of httpItems) {
    const conv = byId.get(jobPayloads.get(item.row.id)!.conversationId);
    const remembered = rememberedQuote(conv);
    if (conv && remembered) wanted.push({ contactId: conv.contactId, protocol: remembered });
  }
  if (wanted.length > 0) ctx.quoted = await loadQuoted(tx, wanted);

  // 4. Decide, message by message (one per contact).
  for (const item of messageItems) {
    const contact = contactByKey.get(`${item.row.channelId}/${item.row.contactWaId}`)!;
    const conv = openByContact.get(contact.id)!;
    handleMessage(ctx, item.row, contact, conv, opened.has(item.row.id));
    plan.done.push(item.row.id);
  }
  for (const item of httpItems) {
    const job = jobPayloads.get(item.row.id)!;
    const conv = byId.get(job.conversationId);
    if (conv) handleHttpResult(ctx, item.row, job, conv, item.httpResult, jobContactFields?.get(conv.contactId) ?? null);
    plan.done.push(item.row.id);
  }
  for (const { item, decision } of surveyAnswers) {
    handleSurveyAnswer(ctx, item.row, item.contact, decision, openByContact.get(item.contact.id));
    plan.done.push(item.row.id);
  }

  const direct_ = await flush(ctx);
  const mediaCount = plan.messages.reduce((n, m) => n + (m.media ? 1 : 0), 0);
  return { queued: plan.outbox.length - direct_.length, jobs: plan.jobs.length, media: mediaCount, direct: direct_, markReads: plan.markReads, events: plan.events };
}

/**
 * The bot lets go of the conversation: the first outcome stays (a conversation counts once),
 * at the node the bot was at.
 */
function settleBotOutcome(conv: Conv, outcome: BotOutcome, at: Date): void {
  if (conv.botOutcome) return;
  conv.botOutcome = outcome;
  conv.botOutcomeAt = at;
  conv.botOutcomeNode = conv.flowState?.nodeId ?? null;
}

/** One more answer taken at a waiting node (valid or not): the overlay's invalid rate. */
function countAnswer(conv: Conv, answered: NonNullable<StepResult["answered"]>): void {
  const counts = { ...(conv.botAnswers ?? {}) };
  const [answers, invalid] = counts[answered.nodeId] ?? [0, 0];
  counts[answered.nodeId] = [answers + 1, invalid + (answered.valid ? 0 : 1)];
  conv.botAnswers = counts;
}

function rememberedQuote(conv: Conv | undefined): string | undefined {
  const value = conv?.flowState?.variables?.quotedProtocol;
  return typeof value === "string" && PROTOCOL_PATTERN.test(value) ? value : undefined;
}

/** The quoted conversations that exist and belong to the customer who quoted them. */
async function loadQuoted(tx: DbOrTx, wanted: { contactId: string; protocol: string }[]): Promise<Map<string, Quoted>> {
  const rows = await tx
    .select({ id: conversations.id, protocol: conversations.protocol, contactId: conversations.contactId, queueId: conversations.queueId, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(inArray(conversations.protocol, [...new Set(wanted.map((w) => w.protocol))]));
  const wantedKeys = new Set(wanted.map((w) => `${w.contactId}/${w.protocol}`));
  const out = new Map<string, Quoted>();
  for (const r of rows) {
    const key = `${r.contactId}/${r.protocol}`;
    if (wantedKeys.has(key)) out.set(key, { id: r.id, protocol: r.protocol, queueId: r.queueId, assigneeId: r.assigneeId });
  }
  return out;
}

/** The customer's own earlier conversation with this protocol (never the current one). */
function quotedFor(ctx: Context, conv: Conv, protocol: string | null | undefined): Quoted | null {
  if (!protocol) return null;
  const q = ctx.quoted.get(`${conv.contactId}/${protocol}`);
  return q && q.id !== conv.id ? q : null;
}

// ---------------------------------------------------------------------------------------
// Decisions

function handleMessage(ctx: Context, row: InboxRow, contact: Contact, conv: Conv, isNew: boolean): void {
  const { plan, now } = ctx;
  const content = readInboundContent(row.payload);
  const text = customerText(content);
  plan.touched.set(conv.id, conv);
  // The media row goes into the batch's one statement with the message; the flow gets its id now.
  const media = mediaOf(content, row.channelId, conv.id);
  plan.messages.push({
    id: timeOrderedId(),
    conversationId: conv.id,
    direction: "inbound",
    author: "customer",
    type: row.type,
    body: readableBody(content),
    payload: row.payload,
    waMessageId: row.waMessageId,
    flowNodeId: conv.flowState?.nodeId ?? null,
    ...media,
  });
  conv.lastActivityAt = now;
  conv.lastInboundAt = now;
  // Quoting one of their own protocols links that conversation (the agent sees its transcript)
  // and lets the flow see it as {{quotedProtocol}}. Somebody else's protocol is not theirs to quote.
  const quoted = quotedFor(ctx, conv, text?.match(PROTOCOL_PATTERN)?.[1]);
  if (quoted) plan.links.push({ conversationId: conv.id, linkedId: quoted.id });
  // Opt-out and opt-in keywords come before the desk and the flow, like global keywords. The
  // length test inside optIntent keeps ordinary messages from paying even a normalisation.
  const campaign = isNew ? ctx.campaignReplies.get(conv.id) : undefined;
  if (campaign) {
    plan.campaignReplies.push({ recipientId: campaign.recipientId, conversationId: conv.id });
    plan.events.push({ type: "campaign.progress", campaignId: campaign.campaignId });
  }
  const intent = optIntent(text, ctx.ws.optKeywords, ctx.ws.optKeywords.maxLength);
  if (intent && handleOptKeyword(ctx, row, contact, conv, intent, text!)) return;
  if (campaign) answerCampaign(ctx, conv, row, campaign);

  if (conv.status === "queued" || conv.status === "assigned") {
    // A person is in charge: the message only joins the transcript and the desk is told.
    conv.unreadCount += 1;
    const messageId = plan.messages[plan.messages.length - 1]!.id;
    plan.events.push({ type: "message.created", conversationId: conv.id, messageId, queueId: conv.queueId, direction: "inbound" });
    return;
  }
  if (content.type === "system") return; // e.g. "user changed number": a fact for the transcript, not an answer

  const channel = ctx.channels.get(row.channelId);
  markAsRead(ctx, conv, row);
  const version = conv.flowVersionId ? ctx.versions.get(conv.flowVersionId) : undefined;
  if (!version?.document) {
    const reason = !conv.flowVersionId
      ? channel?.flowId
        ? "El flujo del canal no tiene una versión publicada."
        : "El canal no tiene un flujo asignado."
      : (version?.problem ?? "La versión del flujo de esta conversación ya no existe.");
    handOffOnError(ctx, conv, row, { code: "no_flow", message: reason });
    return;
  }
  // A notification's conversation starts its flow with the customer's reply.
  const starting = isNew || awaitsFirstReply(conv);
  const input: FlowInput = starting ? { kind: "start", ...(text ? { text } : {}) } : flowInputOf(content, media.media?.id);
  const result = step(version.document, starting ? initialState() : (conv.flowState ?? initialState()), input, {
    now,
    businessHours: ctx.ws.businessHours,
    contact: { name: contact.name ?? undefined, phone: row.contactWaId, fields: contact.fields ?? undefined, optedOut: contact.optedOut === true },
    protocol: conv.protocol,
    handoffNotice: ctx.ws.messages.handoff,
    optConfirmations: ctx.ws.optConfirmations,
    ...(quoted ? { quotedProtocol: quoted.protocol } : {}),
  });
  applyResult(ctx, conv, row, result, contact.name, version);
}

/**
 * An opt-out or opt-in keyword: the contact is marked (in the batch, audited) and the customer
 * gets the confirmation. The keyword goes no further — the flow keeps waiting where it was, a
 * person in charge sees it in the transcript. A conversation opened only by the keyword (or a
 * notification's, waiting for its reply) closes again: there is nothing to attend.
 * An opt-in word from a contact who never opted out is an ordinary message (false).
 */
function handleOptKeyword(ctx: Context, row: InboxRow, contact: Contact, conv: Conv, intent: "opt_out" | "opt_in", text: string): boolean {
  if (intent === "opt_in" && !contact.optedOut) return false;
  const { plan } = ctx;
  if (intent === "opt_out" ? !contact.optedOut : contact.optedOut) {
    plan.opt.push({ contactId: contact.id, intent, source: "keyword", details: { keyword: text.trim(), conversationId: conv.id, waMessageId: row.waMessageId } });
  }
  contact.optedOut = intent === "opt_out";
  markAsRead(ctx, conv, row);
  const confirmation = intent === "opt_out" ? ctx.ws.optConfirmations.optOut : ctx.ws.optConfirmations.optIn;
  send(ctx, conv, row.contactWaId, { kind: "text", text: workspaceText(conv, row, confirmation) }, "system", null);
  if (conv.status === "queued" || conv.status === "assigned") {
    conv.unreadCount += 1;
    const inbound = plan.messages.findLast((m) => m.conversationId === conv.id && m.direction === "inbound");
    if (inbound) plan.events.push({ type: "message.created", conversationId: conv.id, messageId: inbound.id, queueId: conv.queueId, direction: "inbound" });
    return true;
  }
  if (conv.isNew || awaitsFirstReply(conv)) {
    conv.status = "closed";
    conv.closedAt = ctx.now;
    conv.closedReason = intent;
    plan.events.push({ type: "conversation.closed", conversationId: conv.id, queueId: conv.queueId });
  }
  return true;
}

/**
 * The media row of an image, audio, video, document or sticker message: written pending with
 * the message, fetched in the background (lib/media/fetcher/). Nothing for other messages, or
 * for a media message without an id (nothing could be fetched).
 */
function mediaOf(content: InboundContent, channelId: string, conversationId: string): { media?: MediaInsert } {
  if (!(MEDIA_TYPES as readonly string[]).includes(content.type)) return {};
  const m = content as Extract<InboundContent, { type: MediaType }>;
  if (!m.mediaId) return {};
  return {
    media: {
      id: timeOrderedId(),
      channelId,
      conversationId,
      waMediaId: m.mediaId,
      kind: m.type,
      declaredMime: m.mimeType,
      sha256: m.sha256,
      filename: m.filename,
      caption: m.caption,
      voice: m.voice,
    },
  };
}

function handleHttpResult(ctx: Context, row: InboxRow, job: HttpJobPayload, conv: Conv, http: HttpRunResult, fields: Record<string, string> | null): void {
  const state = conv.flowState;
  // The conversation moved on (handed off, closed, restarted by a keyword): the answer is stale.
  if (conv.status !== "bot" || state?.status !== "awaiting_http" || state.nodeId !== job.nodeId) return;
  const version = conv.flowVersionId ? ctx.versions.get(conv.flowVersionId) : undefined;
  ctx.plan.touched.set(conv.id, conv);
  if (!version?.document) {
    handOffOnError(ctx, conv, row, { code: "no_flow", message: version?.problem ?? "La versión del flujo de esta conversación ya no existe." });
    return;
  }
  const input: FlowInput = { kind: "http_result", ok: http.ok, status: http.status, data: http.data, error: http.error };
  const result = step(version.document, state, input, {
    now: ctx.now,
    businessHours: ctx.ws.businessHours,
    contact: { name: job.contactName ?? undefined, phone: row.contactWaId, fields: fields ?? undefined, optedOut: ctx.optedOut.has(conv.contactId) },
    protocol: conv.protocol,
    handoffNotice: ctx.ws.messages.handoff,
    optConfirmations: ctx.ws.optConfirmations,
  });
  conv.lastActivityAt = ctx.now;
  applyResult(ctx, conv, row, result, job.contactName, version);
}

function markAsRead(ctx: Context, conv: Pick<Conv, "id">, row: InboxRow): void {
  // A courtesy with nothing to keep: with a sender in this thread it goes straight out after
  // the commit (no row, no claim, no record); otherwise it is queued like any send.
  if (ctx.direct) {
    ctx.plan.markReads.push({ channelId: row.channelId, body: renderMarkAsRead(row.waMessageId) });
    return;
  }
  ctx.plan.outbox.push({
    channelId: row.channelId,
    conversationId: conv.id,
    messageId: null,
    contactWaId: row.contactWaId,
    kind: "mark_read",
    body: renderMarkAsRead(row.waMessageId),
  });
}

function send(ctx: Context, conv: Conv, contactWaId: string, content: OutgoingContent, author: "bot" | "system", flowNodeId: string | null): void {
  const file = libraryMediaOf(content);
  if (file) {
    // The conversation's own media row for the library file: the transcript shows it, and the
    // sender uploads it to Meta (once per channel) and sends by id.
    const mediaId = timeOrderedId();
    const prepared = withLibraryMediaId(content, mediaId);
    const rows = outboundRows({ channelId: conv.channelId, conversationId: conv.id, contactWaId, author, content: prepared, flowNodeId }, timeOrderedId());
    const media: MediaInsert = {
      id: mediaId,
      channelId: conv.channelId,
      conversationId: conv.id,
      waMediaId: `library:${mediaId}`,
      kind: file.kind,
      declaredMime: null,
      sha256: null,
      filename: file.filename ?? null,
      caption: file.caption ?? null,
      voice: false,
      libraryId: file.libraryId,
    };
    ctx.plan.messages.push({ ...rows.message, media });
    ctx.plan.outbox.push(rows.outbox);
    return;
  }
  const rows = outboundRows({ channelId: conv.channelId, conversationId: conv.id, contactWaId, author, content, flowNodeId }, timeOrderedId());
  ctx.plan.messages.push(rows.message);
  ctx.plan.outbox.push(rows.outbox);
}

/**
 * A survey answer: joins the surveyed conversation's transcript (closed, and it stays closed),
 * is recorded, and is acknowledged — "anything to add?" after the score when the queue asks
 * for comments, "thank you" otherwise. A stale tap only joins a transcript.
 */
function handleSurveyAnswer(
  ctx: Context,
  row: InboxRow,
  contact: Contact,
  decision: Exclude<CsatDecision, { kind: "none" | "expire" }>,
  open: Conv | undefined,
): void {
  const stale = decision.kind === "stale";
  const conversationId = stale ? (decision.conversationId ?? open?.id) : decision.pending.conversationId;
  if (!conversationId) {
    // A tap on an old survey from a customer with no conversation open: nothing to attach it to.
    console.info(`[atendo runtime] survey answer ${row.waMessageId} no longer counts and has no open conversation to join`);
    return;
  }
  const content = readInboundContent(row.payload);
  const messageId = timeOrderedId();
  ctx.plan.messages.push({
    id: messageId,
    conversationId,
    direction: "inbound",
    author: "customer",
    type: row.type,
    body: readableBody(content),
    payload: row.payload,
    waMessageId: row.waMessageId,
  });
  const queueId = stale ? (decision.conversationId ? null : (open?.queueId ?? null)) : decision.pending.queueId;
  ctx.plan.events.push({ type: "message.created", conversationId, messageId, queueId, direction: "inbound" });
  markAsRead(ctx, { id: conversationId }, row);
  if (stale) return;
  const reply = (text: string) => {
    const rows = outboundRows({ channelId: row.channelId, conversationId, contactWaId: row.contactWaId, author: "system", content: { kind: "text", text } }, timeOrderedId());
    ctx.plan.messages.push(rows.message);
    ctx.plan.outbox.push(rows.outbox);
  };
  const { pending } = decision;
  if (decision.kind === "score") {
    const next = afterScore(pending, ctx.now);
    ctx.plan.csat.push({ conversationId, contactId: contact.id, score: decision.score, comment: null, pending: next });
    reply(next ? pending.commentPrompt! : pending.thanks);
    return;
  }
  ctx.plan.csat.push({ conversationId, contactId: contact.id, score: null, comment: decision.text, pending: null });
  reply(pending.thanks);
}

function applyResult(ctx: Context, conv: Conv, row: InboxRow, result: StepResult, contactName: string | null, version: LoadedVersion): void {
  const nodeId = result.state.nodeId;
  conv.flowState = result.state;
  if (result.answered) countAnswer(conv, result.answered);
  for (const output of result.outputs) send(ctx, conv, row.contactWaId, output, "bot", nodeId);
  if (result.error) {
    console.warn(
      `[atendo runtime] flow version ${version.number} failed for conversation ${conv.protocol} at node ${nodeId ?? "?"}: ${result.error.message}`,
    );
  }
  for (const effect of result.effects) applyEffect(ctx, conv, row, effect, result, contactName, version);
}

function applyEffect(
  ctx: Context,
  conv: Conv,
  row: InboxRow,
  effect: FlowEffect,
  result: StepResult,
  contactName: string | null,
  version: LoadedVersion,
): void {
  switch (effect.type) {
    case "handoff": {
      if (effect.reason === "error") {
        handOffOnError(ctx, conv, row, {
          code: result.error?.code ?? "runtime",
          message: result.error?.message ?? "The flow failed",
          nodeId: result.state.nodeId,
          version: version.number,
        });
        return;
      }
      let queue = effect.queue ? ctx.ws.queueBySlug.get(effect.queue) : undefined;
      if (effect.returnToQuoted) {
        // Back to the queue of the conversation the customer quoted, its agent first.
        const quoted = quotedFor(ctx, conv, rememberedQuote(conv));
        const back = quoted?.queueId ? ctx.ws.queueById.get(quoted.queueId) : undefined;
        if (quoted && back) {
          queue = back;
          if (quoted.assigneeId) ctx.plan.returns.push({ conversationId: conv.id, queueId: back.id, agentId: quoted.assigneeId, quotedProtocol: quoted.protocol });
        }
      }
      if (effect.queue && !queue) {
        systemNote(ctx, conv, `La cola «${effect.queue}» no existe: la conversación pasó a la cola predeterminada.`, {
          code: "unknown_queue",
          queue: effect.queue,
        });
      }
      if (effect.note) note(ctx, conv, effect.note);
      handOff(ctx, conv, row, queue ?? ctx.ws.defaultQueue);
      return;
    }
    case "close":
      conv.status = "closed";
      conv.closedAt = ctx.now;
      conv.closedReason = effect.reason;
      settleBotOutcome(conv, "contained", ctx.now);
      ctx.plan.events.push({ type: "conversation.closed", conversationId: conv.id, queueId: conv.queueId });
      return;
    case "save_contact_field":
      ctx.plan.fieldSaves.push({ conversationId: conv.id, contactId: conv.contactId, nodeId: effect.nodeId, field: effect.field, value: effect.value });
      return;
    case "opt_out":
      ctx.plan.opt.push({
        contactId: conv.contactId,
        intent: effect.action,
        source: "flow",
        details: { conversationId: conv.id, nodeId: effect.nodeId, flowVersion: version.number },
      });
      return;
    case "http_request": {
      // Queued behind the triggering message, same contact and timestamp: the worker calls it
      // outside any transaction and resumes the flow with the answer, in order with whatever
      // the customer sends meanwhile.
      const payload: HttpJobPayload = { conversationId: conv.id, nodeId: effect.nodeId, request: effect.request, contactName };
      ctx.plan.jobs.push({
        channelId: row.channelId,
        waMessageId: `atendo:http:${randomUUID()}`,
        contactWaId: row.contactWaId,
        contactName: null,
        waTimestamp: row.waTimestamp,
        type: HTTP_JOB_TYPE,
        payload,
      });
      return;
    }
  }
}

function note(ctx: Context, conv: Conv, body: string): void {
  ctx.plan.messages.push({ id: timeOrderedId(), conversationId: conv.id, direction: "note", author: "bot", type: "note", body, payload: null });
}

function systemNote(ctx: Context, conv: Conv, body: string, error: Record<string, unknown> | null = null): void {
  ctx.plan.messages.push({
    id: timeOrderedId(),
    conversationId: conv.id,
    direction: "system",
    author: "system",
    type: "system",
    body,
    payload: error,
    error,
  });
}

/**
 * A conversation opened by a reply to a campaign (lib/runtime/opening.ts): the transcript says
 * which campaign it answers; when the campaign sends replies to a queue, the customer is told
 * their protocol and waits there — the bot never sees the conversation (the caller goes on to
 * count the message unread and tell the desk). A campaign that sends
 * replies to a flow got its version when the conversation was opened; the flow starts as usual.
 */
function answerCampaign(ctx: Context, conv: Conv, row: InboxRow, campaign: CampaignReply): void {
  const event = { event: "campaign_reply", campaign: campaign.campaignName, campaignId: campaign.campaignId };
  ctx.plan.messages.push({ id: timeOrderedId(), conversationId: conv.id, direction: "system", author: "system", type: "event", body: `Reply to the campaign "${campaign.campaignName}"`, payload: event });
  if (!campaign.queue) return;
  conv.flowVersionId = null;
  markAsRead(ctx, conv, row);
  send(ctx, conv, row.contactWaId, { kind: "text", text: workspaceText(conv, row, ctx.ws.messages.handoff) }, "system", null);
  // Queued now: the message goes on as any message to a conversation a person is in charge of.
  enqueue(ctx, conv, row, campaign.queue);
}

function handOff(ctx: Context, conv: Conv, row: InboxRow, queue: { id: string; name: string } | null): void {
  settleBotOutcome(conv, "handoff", ctx.now);
  enqueue(ctx, conv, row, queue);
}

/** Into a queue (the default one when null); outside business hours the customer is told why nobody answers yet. */
function enqueue(ctx: Context, conv: Conv, row: InboxRow, queue: { id: string; name: string } | null): void {
  conv.status = "queued";
  conv.queueId = queue?.id ?? null;
  conv.queuedAt = ctx.now;
  ctx.plan.events.push({ type: "conversation.queued", conversationId: conv.id, queueId: conv.queueId });
  let open = true;
  try {
    open = isOpen(ctx.ws.businessHours, ctx.now);
  } catch {
    open = true;
  }
  if (!open) {
    // The desk queues the conversation for the next opening; the customer should know why nobody answers yet.
    send(ctx, conv, row.contactWaId, { kind: "text", text: workspaceText(conv, row, ctx.ws.messages.outsideHours) }, "bot", null);
  }
}

/** A workspace-level customer text (lib/desk/customer-messages.ts) with the conversation's values filled in. */
function workspaceText(conv: Conv, row: InboxRow, template: string): string {
  const name = row.contactName ?? (row.payload as Partial<HttpJobPayload>).contactName ?? "";
  return renderTemplate(template, {
    protocol: conv.protocol,
    "contact.name": name,
    "contact.first_name": name.trim().split(/\s+/)[0] ?? "",
    "contact.phone": row.contactWaId,
  });
}

/** A flow that cannot run must not leave the customer talking to a wall: a person takes over. */
function handOffOnError(
  ctx: Context,
  conv: Conv,
  row: InboxRow,
  error: { code: string; message: string; nodeId?: string | null; version?: number },
): void {
  const queue = ctx.ws.defaultQueue;
  const where = error.version !== undefined ? ` (versión ${error.version}${error.nodeId ? `, nodo «${error.nodeId}»` : ""})` : "";
  systemNote(ctx, conv, `El flujo falló${where}: ${error.message}. La conversación pasó a la cola ${queue?.name ?? "predeterminada"}.`, {
    kind: "flow_error",
    ...error,
  });
  if (conv.flowState) conv.flowState = { ...conv.flowState, status: "handoff" };
  // Like every path into a queue, this one tells the customer the protocol.
  send(ctx, conv, row.contactWaId, { kind: "text", text: workspaceText(conv, row, ctx.ws.messages.handoffError) }, "bot", null);
  handOff(ctx, conv, row, queue);
}

// ---------------------------------------------------------------------------------------
// Writes

const convJson = (list: Conv[]) =>
  JSON.stringify(
    list.map((c) => ({
      id: c.id,
      protocol: c.protocol,
      channel_id: c.channelId,
      contact_id: c.contactId,
      status: c.status,
      flow_version_id: c.flowVersionId,
      flow_state: c.flowState,
      queue_id: c.queueId,
      queued_at: c.queuedAt?.toISOString() ?? null,
      closed_at: c.closedAt?.toISOString() ?? null,
      closed_reason: c.closedReason,
      last_activity_at: c.lastActivityAt.toISOString(),
      last_inbound_at: c.lastInboundAt?.toISOString() ?? null,
      unread_count: c.unreadCount,
      bot_outcome: c.botOutcome,
      bot_outcome_at: c.botOutcomeAt?.toISOString() ?? null,
      bot_outcome_node: c.botOutcomeNode,
      bot_answers: c.botAnswers,
    })),
  );

const CONV_COLUMNS = stmt`id uuid, protocol text, channel_id uuid, contact_id uuid, status text, flow_version_id uuid, flow_state jsonb,
  queue_id uuid, queued_at timestamptz, closed_at timestamptz, closed_reason text, last_activity_at timestamptz,
  last_inbound_at timestamptz, unread_count int, bot_outcome text, bot_outcome_at timestamptz, bot_outcome_node text, bot_answers jsonb`;

function updateConversations(list: Conv[]): Statement {
  return stmt`update conversations c set
      status = r.status::conversation_status, flow_state = r.flow_state, queue_id = r.queue_id, queued_at = r.queued_at,
      closed_at = r.closed_at, closed_reason = r.closed_reason, last_activity_at = r.last_activity_at,
      last_inbound_at = r.last_inbound_at, unread_count = r.unread_count,
      -- Once set, the bot's outcome stays (docs/analytics.md): a conversation counts once.
      bot_outcome = coalesce(c.bot_outcome, r.bot_outcome), bot_outcome_at = coalesce(c.bot_outcome_at, r.bot_outcome_at),
      bot_outcome_node = case when c.bot_outcome is null then r.bot_outcome_node else c.bot_outcome_node end, bot_answers = r.bot_answers
    from jsonb_to_recordset(${convJson(list)}::jsonb) as r(${CONV_COLUMNS})
    where c.id = r.id and c.id = any(${idArray(list.map((c) => c.id))}::uuid[])
    returning 1`;
}

/**
 * Which contacts' replies may go to this thread's sender directly: all of a contact's rows or
 * none (its messages leave in order, one after another), while the sender has room.
 */
function chooseDirect(plan: Plan, direct: DirectHandoff | null): void {
  if (!direct) return;
  const perContact = new Map<string, OutboxInsert[]>();
  for (const o of plan.outbox) {
    if (o.kind !== "message") continue;
    const key = `${o.channelId}/${o.contactWaId}`;
    perContact.set(key, [...(perContact.get(key) ?? []), o]);
  }
  let slots = direct.slots;
  for (const rows of perContact.values()) {
    if (rows.length > slots) continue;
    slots -= rows.length;
    for (const o of rows) o.direct = true;
  }
}

/**
 * Writes the whole batch in one statement (data-modifying CTEs): conversation updates and
 * inserts, transcript rows, outbox rows, the inbox rows marked done, and the events. The
 * statement text never changes — the data travels as JSON — so it stays prepared.
 * Returns the outbox rows written leased to this thread's sender, in sending order.
 */
async function flush(ctx: Context): Promise<OutboxRow[]> {
  const { tx, plan } = ctx;
  chooseDirect(plan, ctx.direct);
  if (plan.fieldSaves.length > 0) {
    // A value that does not fit its field (or a field deleted since publishing) is not saved;
    // the transcript says why, for the agent and the flow's author.
    const checked = await checkFieldSaves(tx, plan.fieldSaves);
    plan.fieldWrites = checked.writes;
    for (const problem of checked.problems) {
      const conv = plan.touched.get(problem.conversationId);
      if (conv) systemNote(ctx, conv, problem.note, { kind: "contact_field", field: problem.field, reason: problem.reason, nodeId: problem.nodeId });
    }
  }
  // A conversation closed by idle timeout must be closed before its successor is inserted
  // (at most one open conversation per contact): a statement of its own, first.
  if (plan.expired.length > 0) await run(tx, updateConversations(plan.expired));
  const touched = [...plan.touched.values()];
  const messagesJson = JSON.stringify(
    plan.messages.map((m, seq) => ({
      id: m.id,
      conversation_id: m.conversationId,
      direction: m.direction,
      author: m.author,
      type: m.type,
      body: m.body,
      payload: m.payload ?? null,
      wa_message_id: m.waMessageId ?? null,
      delivery_status: m.deliveryStatus ?? null,
      error: m.error ?? null,
      flow_node_id: m.flowNodeId ?? null,
      media_channel_id: m.media?.channelId ?? null,
      media_wa_id: m.media?.waMediaId ?? null,
      seq,
    })),
  );
  // Usually empty: a text message costs the statement one empty CTE, no round trip.
  const mediaJson = JSON.stringify(
    plan.messages.flatMap((m) =>
      m.media
        ? [
            {
              id: m.media.id,
              channel_id: m.media.channelId,
              conversation_id: m.media.conversationId,
              message_id: m.id,
              wa_media_id: m.media.waMediaId,
              kind: m.media.kind,
              declared_mime: m.media.declaredMime,
              sha256: m.media.sha256,
              filename: m.media.filename,
              caption: m.media.caption,
              voice: m.media.voice,
              library_id: m.media.libraryId ?? null,
            },
          ]
        : [],
    ),
  );
  const outboxJson = JSON.stringify(
    plan.outbox.map((o, seq) => ({
      channel_id: o.channelId,
      conversation_id: o.conversationId,
      message_id: o.messageId,
      contact_wa_id: o.contactWaId,
      kind: o.kind,
      // A message's body is rendered again from its transcript row if it ever leaves through
      // the queue (see claimOutbox); a leased row's goes out from memory.
      body: o.kind === "message" ? null : o.body,
      direct: o.direct ?? false,
      seq,
    })),
  );
  // Usually this statement is the batch's last: it then carries the COMMIT with it.
  const last =
    plan.jobs.length === 0 &&
    plan.links.length === 0 &&
    plan.returns.length === 0 &&
    plan.csat.length === 0 &&
    plan.fieldWrites.length === 0 &&
    plan.opt.length === 0 &&
    plan.campaignReplies.length === 0 &&
    ctx.finish
      ? ctx.finish
      : <T>(query: Statement) => run<T>(tx, query);
  const holder = leaseHolder();
  const [result] = await last<{ outbox: { id: number | string; leased: boolean; created_at: string }[] }>(
    stmt`with
      conv_update as (${updateConversations(touched.filter((c) => !c.isNew))}),
      conv_insert as (
        insert into conversations (id, protocol, channel_id, contact_id, status, flow_version_id, flow_state, queue_id,
          opened_at, queued_at, closed_at, closed_reason, last_activity_at, last_inbound_at, unread_count,
          bot_outcome, bot_outcome_at, bot_outcome_node, bot_answers)
        select r.id, r.protocol, r.channel_id, r.contact_id, r.status::conversation_status, r.flow_version_id, r.flow_state, r.queue_id,
          now(), r.queued_at, r.closed_at, r.closed_reason, r.last_activity_at, r.last_inbound_at, r.unread_count,
          r.bot_outcome, r.bot_outcome_at, r.bot_outcome_node, r.bot_answers
        from jsonb_to_recordset(${convJson(touched.filter((c) => c.isNew))}::jsonb) as r(${CONV_COLUMNS})
        returning 1
      ),
      media_insert as (
        -- One row per (channel, Meta media id): a media id seen before (the same file sent
        -- again in another message) links the message to the row that exists, which
        -- "do update" returns where "do nothing" would return nothing.
        -- A media library file a flow sends is stored already: the row shares the library's file.
        insert into media (id, channel_id, conversation_id, message_id, wa_media_id, kind, declared_mime, sha256, filename, caption, voice,
          library_id, status, sniffed_mime, size, storage_key, thumbnail_key, stored_at)
        select r.id, r.channel_id, r.conversation_id, r.message_id, r.wa_media_id, r.kind, r.declared_mime, r.sha256, r.filename, r.caption, r.voice,
          r.library_id, case when r.library_id is null then 'pending' else 'stored' end::media_status, l.mime, l.size, l.storage_key, l.thumbnail_key,
          case when r.library_id is not null then now() end
        from jsonb_to_recordset(${mediaJson}::jsonb) as r(id uuid, channel_id uuid, conversation_id uuid, message_id uuid, wa_media_id text,
          kind text, declared_mime text, sha256 text, filename text, caption text, voice boolean, library_id uuid)
        left join media_library l on l.id = r.library_id
        on conflict (channel_id, wa_media_id) do update set wa_media_id = excluded.wa_media_id
        returning id, channel_id, wa_media_id
      ),
      message_insert as (
        -- The identity column (seq, the transcript's order) is assigned as rows are inserted,
        -- so ORDER BY r.seq numbers them in the order things happened.
        insert into messages (id, conversation_id, direction, author, type, body, payload, wa_message_id, delivery_status, error, flow_node_id, media_id, created_at)
        select r.id, r.conversation_id, r.direction::message_direction, r.author, r.type, r.body, r.payload, r.wa_message_id,
          r.delivery_status::delivery_status, r.error, r.flow_node_id,
          case when r.media_wa_id is not null then
            (select u.id from media_insert u where u.channel_id = r.media_channel_id and u.wa_media_id = r.media_wa_id) end,
          (select clock_timestamp()) + r.seq * interval '1 microsecond'
        from jsonb_to_recordset(${messagesJson}::jsonb) as r(id uuid, conversation_id uuid, direction text, author text, type text,
          body text, payload jsonb, wa_message_id text, delivery_status text, error jsonb, flow_node_id text,
          media_channel_id uuid, media_wa_id text, seq int)
        order by r.seq
        returning 1
      ),
      outbox_insert as (
        -- Ids follow the order the messages must leave in. A row meant for this thread's
        -- sender is written already leased to it (the claim's job, done here) — unless an
        -- earlier message of the contact is still unsent: then it waits its turn in the queue.
        insert into outbox (channel_id, conversation_id, message_id, contact_wa_id, kind, body, locked_until, attempts, lease_instance, lease_boot)
        select r.channel_id, r.conversation_id, r.message_id, r.contact_wa_id, r.kind, r.body,
          case when d.leased then now() + ${LEASE_MS} * interval '1 millisecond' end, case when d.leased then 1 else 0 end,
          case when d.leased then ${holder.instanceId} end, case when d.leased then ${holder.bootId} end
        from jsonb_to_recordset(${outboxJson}::jsonb) as r(channel_id uuid, conversation_id uuid, message_id uuid, contact_wa_id text,
          kind text, body jsonb, direct boolean, seq int)
        -- A correlated LIMIT 1 rather than NOT EXISTS: PostgreSQL may answer NOT EXISTS with a
        -- hashed subplan that reads every pending row (and every dead index entry) per batch.
        cross join lateral (
          select r.direct and (
            select e.id from outbox e
            where e.channel_id = r.channel_id and e.contact_wa_id = r.contact_wa_id and e.status = 'pending' and e.kind = 'message'
            order by e.id
            limit 1
          ) is null as leased
        ) d
        order by r.seq
        returning id, locked_until is not null as leased, created_at
      ),
      inbox_done as (
        update inbox set status = 'done', processed_at = now(), attempts = inbox.attempts + 1, last_error = null
        where id = any(${idArray(plan.done)}::bigint[])
        returning 1
      )
    select (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'leased', leased, 'created_at', created_at) order by id), '[]'::jsonb)
        from outbox_insert) as outbox`,
  );
  if (plan.jobs.length > 0) await tx.insert(inbox).values(plan.jobs).onConflictDoNothing();
  for (const link of plan.links) await tx.update(conversations).set({ linkedConversationId: link.linkedId }).where(eq(conversations.id, link.conversationId));
  for (const back of plan.returns) await assignToReturningAgent(tx, back);
  if (plan.csat.length > 0) await writeCsat(tx, plan.csat, ctx.now);
  if (plan.fieldWrites.length > 0) await writeContactFields(tx, plan.fieldWrites);
  if (plan.campaignReplies.length > 0) await markCampaignReplies(tx, plan.campaignReplies, ctx.now);
  for (const o of plan.opt) {
    const change = { contactId: o.contactId, source: o.source, details: o.details };
    if (o.intent === "opt_out") await optOut(tx, change, ctx.now);
    else await optIn(tx, change);
  }
  return leasedRows(plan.outbox, result?.outbox ?? []);
}

/** Pairs the inserted ids (ascending, in insertion order) with the planned rows. */
function leasedRows(planned: OutboxInsert[], inserted: { id: number | string; leased: boolean; created_at: string }[]): OutboxRow[] {
  const rows: OutboxRow[] = [];
  inserted.forEach((r, i) => {
    const o = planned[i];
    if (!r.leased || !o) return;
    rows.push({
      id: Number(r.id),
      channelId: o.channelId,
      conversationId: o.conversationId,
      messageId: o.messageId,
      contactWaId: o.contactWaId,
      kind: o.kind,
      body: o.body,
      attempts: 1,
      createdAt: new Date(r.created_at),
    });
  });
  return rows;
}

export type { InboundContent };

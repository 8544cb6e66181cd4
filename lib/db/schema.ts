import { sql } from "drizzle-orm";
import {
  customType,
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type * as Campaigns from "@/lib/contacts/campaigns/types";
import type { TemplateComponent } from "../contacts/templates/schema";
import { FOLD_FROM, FOLD_TO } from "../contacts/fold";

/** The fold map as translate()'s literal arguments: DDL (a generated column) takes no parameters. */
const FOLD_SQL = sql.raw(`'${FOLD_FROM}', '${FOLD_TO}'`);

/** PostgreSQL's full-text document type (drizzle has no column type of its own for it). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("role", ["admin", "editor", "agent"]);
export const presenceEnum = pgEnum("presence", ["online", "away", "offline"]);
export const assignmentModeEnum = pgEnum("assignment_mode", ["manual", "auto"]);
export const conversationStatusEnum = pgEnum("conversation_status", ["bot", "queued", "assigned", "closed"]);
export const messageDirectionEnum = pgEnum("message_direction", ["inbound", "outbound", "note", "system"]);
export const deliveryStatusEnum = pgEnum("delivery_status", ["pending", "sent", "delivered", "read", "failed"]);
export const inboxStatusEnum = pgEnum("inbox_status", ["pending", "done", "dead"]);
export const mediaStatusEnum = pgEnum("media_status", ["pending", "stored", "failed"]);
export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sent", "failed"]);

/** A single row: Atendo is deployed per company (one workspace per database). */
export const workspace = pgTable("workspace", {
  id: integer("id").primaryKey().default(1),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull().default("America/Sao_Paulo"),
  /** BusinessHours JSON (lib/flow/business-hours.ts): weekly intervals + holidays. */
  businessHours: jsonb("business_hours").notNull(),
  outsideHoursMessage: text("outside_hours_message"),
  /** The language of the texts the platform sends customers (lib/desk/customer-messages.ts): es, pt or en. */
  defaultLocale: text("default_locale").notNull().default("es"),
  /** Admins' own versions of those texts, by key; a missing one is the language's default. */
  customerMessages: jsonb("customer_messages").$type<{ handoff?: string | null; handoffError?: string | null }>().notNull().default({}),
  /** Hosts that http_request nodes may reach even when they resolve to private addresses. */
  httpAllowHosts: jsonb("http_allow_hosts").$type<string[]>().notNull().default([]),
  /**
   * Opt-out settings (lib/contacts/opt-out/): the words that opt a customer out of (or back
   * into) marketing and the confirmations they get — `{ optOut?, optIn?: string[],
   * optOutConfirmation?, optInConfirmation?: string }`; a missing one is the language's default.
   */
  optOutSettings: jsonb("opt_out_settings").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: roleEnum("role").notNull(),
  disabled: boolean("disabled").notNull().default(false),
  locale: text("locale"),
  presence: presenceEnum("presence").notNull().default("offline"),
  /** How many conversations the agent can hold at once (automatic assignment respects it). */
  capacity: integer("capacity").notNull().default(5),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  /**
   * Sessions carry the version they were signed in with; bumping it (sign-out, password
   * change, disable, role change) ends every existing session of the user at once.
   */
  sessionVersion: integer("session_version").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const queues = pgTable("queues", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** The stable key flows refer to in handoff nodes and keywords. */
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  assignmentMode: assignmentModeEnum("assignment_mode").notNull().default("manual"),
  isDefault: boolean("is_default").notNull().default(false),
  /** Round-robin cursor: the last agent given a conversation by automatic assignment. */
  lastAssignedUserId: uuid("last_assigned_user_id"),
  /**
   * First-response target in business minutes (docs/analytics.md, "SLA"): the time from the
   * customer entering the desk to the first agent reply, counted only while the workspace is
   * open. Null: the queue has no target.
   */
  slaFirstResponseMinutes: integer("sla_first_response_minutes"),
  /** Customer satisfaction survey after an agent resolves (docs/analytics.md#satisfaction). */
  csatEnabled: boolean("csat_enabled").notNull().default(false),
  /** `five`: 1–5 as an interactive list (WhatsApp allows 3 reply buttons); `faces`: three reply buttons. */
  csatScale: text("csat_scale").$type<"five" | "faces">().notNull().default("faces"),
  /** Ask "anything to add?" after the score; the next free-text message is the comment. */
  csatComment: boolean("csat_comment").notNull().default(false),
  /** Admins' own survey texts (question, commentPrompt, thanks); a missing one is the workspace language's default. */
  csatTexts: jsonb("csat_texts").$type<{ question?: string | null; commentPrompt?: string | null; thanks?: string | null }>().notNull().default({}),
  createdAt: createdAt(),
});

export const queueMembers = pgTable(
  "queue_members",
  {
    queueId: uuid("queue_id").notNull().references(() => queues.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.userId] }), index("queue_members_user_idx").on(t.userId)],
);

export const flows = pgTable("flows", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** FlowDocument JSON (lib/flow/schema.ts). */
  draft: jsonb("draft").notNull(),
  /** Optimistic concurrency: a save must quote the revision it was based on. */
  draftRevision: integer("draft_revision").notNull().default(1),
  activeVersionId: uuid("active_version_id"),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const flowVersions = pgTable(
  "flow_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    flowId: uuid("flow_id").notNull().references(() => flows.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    document: jsonb("document").notNull(),
    checksum: text("checksum").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("flow_versions_flow_number_uq").on(t.flowId, t.number)],
);

export const channels = pgTable("channels", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  phoneNumberId: text("phone_number_id").notNull().unique(),
  displayNumber: text("display_number").notNull(),
  /** Secrets are AES-256-GCM encrypted at rest (lib/crypto/secret-box.ts). */
  verifyTokenEnc: text("verify_token_enc").notNull(),
  appSecretEnc: text("app_secret_enc").notNull(),
  accessTokenEnc: text("access_token_enc").notNull(),
  /** Sandbox channels send to the built-in fake Graph endpoint and are driven by the simulator. */
  sandbox: boolean("sandbox").notNull().default(false),
  isDefault: boolean("is_default").notNull().default(false),
  flowId: uuid("flow_id").references(() => flows.id, { onDelete: "set null" }),
  sendRatePerSecond: integer("send_rate_per_second").notNull().default(80),
  /** The WhatsApp Business Account the number belongs to: where its templates live. */
  wabaId: text("waba_id"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    waId: text("wa_id").notNull(),
    name: text("name"),
    /** Start of the 24-hour customer-service window. */
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    /**
     * The satisfaction survey waiting for this customer's answer (lib/csat/pending.ts), null
     * when none. Loaded with the contact by the runtime's claim, so a contact with no survey
     * costs the hot path nothing more.
     */
    csatPending: jsonb("csat_pending"),
    /**
     * Profile values by field key (contact_fields.key), each stored as its kind's canonical
     * text (docs/contacts.md). A column of the contact, not rows of their own: the runtime's
     * claim reads it with the contact it loads anyway, so `{{contact.<field>}}` costs nothing.
     */
    fields: jsonb("fields").$type<Record<string, string>>().notNull().default({}),
    /**
     * What the contacts search matches words against: name, phone and every field value,
     * accents folded (lib/contacts/fold.ts; the JSON text of the fields is folded whole — no
     * accent is JSON syntax). Generated by PostgreSQL, so no writer can forget it.
     */
    search: tsvector("search").generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, translate(coalesce(name, '') || ' ' || wa_id, ${FOLD_SQL})) || jsonb_to_tsvector('simple'::regconfig, translate(fields::text, ${FOLD_SQL})::jsonb, '["string"]'::jsonb)`,
    ),
    /**
     * When the customer opted out of marketing (docs/outreach.md); null: they may receive it.
     * Campaigns and MARKETING templates skip such a contact; service messages still reach them.
     */
    optedOutAt: timestamp("opted_out_at", { withTimezone: true }),
    /** How the opt-out happened: keyword | agent | flow | api. */
    optOutSource: text("opt_out_source"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("contacts_channel_wa_uq").on(t.channelId, t.waId),
    index("contacts_search_idx").using("gin", t.search),
    // "Contacts whose field X is Y": containment on the values.
    index("contacts_fields_idx").using("gin", sql`${t.fields} jsonb_path_ops`),
  ],
);

export const contactFieldKindEnum = pgEnum("contact_field_kind", ["text", "number", "date", "email", "choice"]);

/** The workspace's profile fields (docs/contacts.md): flows refer to them by `key`. */
export const contactFields = pgTable("contact_fields", {
  id: uuid("id").primaryKey().defaultRandom(),
  key: text("key").notNull().unique(),
  label: text("label").notNull(),
  kind: contactFieldKindEnum("kind").notNull(),
  /** The allowed values of a `choice` field; empty for the other kinds. */
  options: jsonb("options").$type<string[]>().notNull().default([]),
  position: integer("position").notNull().default(0),
  createdAt: createdAt(),
});

export const contactTags = pgTable("contact_tags", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

export const contactTagLinks = pgTable(
  "contact_tag_links",
  {
    contactId: uuid("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id").notNull().references(() => contactTags.id, { onDelete: "cascade" }),
  },
  // The primary key serves "a contact's tags"; the index "a tag's contacts" (search, campaigns).
  (t) => [primaryKey({ columns: [t.contactId, t.tagId] }), index("contact_tag_links_tag_idx").on(t.tagId, t.contactId)],
);

export const protocolCounters = pgTable("protocol_counters", {
  /** YYYYMMDD in the workspace time zone. */
  day: text("day").primaryKey(),
  last: integer("last").notNull(),
});

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** YYYYMMDD-NNNNNN, generated once inside the opening transaction. */
    protocol: text("protocol").notNull().unique(),
    channelId: uuid("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    status: conversationStatusEnum("status").notNull().default("bot"),
    flowVersionId: uuid("flow_version_id").references(() => flowVersions.id, { onDelete: "set null" }),
    /** FlowState JSON (lib/flow/engine.ts). */
    flowState: jsonb("flow_state"),
    queueId: uuid("queue_id").references(() => queues.id, { onDelete: "set null" }),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** An earlier conversation the customer quoted by protocol. */
    linkedConversationId: uuid("linked_conversation_id"),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    /**
     * The first queue entry and the first assignment, kept when a transfer or a reopen
     * overwrites queued_at / assigned_at (desk analytics measure the customer's wait from
     * them). Null until such an overwrite: then queued_at / assigned_at are the first ones.
     */
    firstQueuedAt: timestamp("first_queued_at", { withTimezone: true }),
    firstAssignedAt: timestamp("first_assigned_at", { withTimezone: true }),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedReason: text("closed_reason"),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    unreadCount: integer("unread_count").notNull().default(0),
    /**
     * How the bot's part ended (docs/analytics.md): contained, handoff or abandoned; null while
     * the bot still holds it. Written once by the runtime when the bot lets go (a later resolve,
     * reopen or transfer by a person never changes it), so every figure counts it once.
     */
    botOutcome: text("bot_outcome"),
    botOutcomeAt: timestamp("bot_outcome_at", { withTimezone: true }),
    /** The node the bot was at when it let go (the handoff node, the keyword's node, the end node, where it timed out). */
    botOutcomeNode: text("bot_outcome_node"),
    /** Answers taken at waiting nodes: { nodeId: [answers, invalid answers] } (the overlay's invalid rate). */
    botAnswers: jsonb("bot_answers").$type<Record<string, [number, number]>>(),
    /**
     * Who wrote first when the business did (docs/outreach.md): agent | api | flow | campaign.
     * Null: the customer opened it.
     */
    origin: text("origin"),
  },
  (t) => [
    // The analytics' scans: one version's (or flow's) conversations opened in a range.
    index("conversations_version_opened_idx").on(t.flowVersionId, t.openedAt),
    // …and every flow's: conversations are inserted as they open, so a range is a run of pages.
    index("conversations_opened_idx").on(t.openedAt),
    // At most one open attendance per contact, whatever the number of app instances.
    uniqueIndex("conversations_one_open_per_contact_uq").on(t.contactId).where(sql`${t.status} <> 'closed'`),
    index("conversations_status_queue_idx").on(t.status, t.queueId),
    index("conversations_assignee_idx").on(t.assigneeId),
    index("conversations_contact_idx").on(t.contactId),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /**
     * The transcript's order: strictly increasing in insertion order (one global sequence, so
     * also within each conversation). Rows written in one transaction share `created_at`, so
     * the time cannot order them; every transcript read sorts by this.
     */
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    // No foreign key: the runtime writes two or three transcript rows per customer message, in
    // the same statement as the conversation they belong to (or after it exists), and
    // conversations are never deleted. The key's trigger cost a lookup and a share lock of the
    // conversation per row, about 4 % of PostgreSQL's work per message (migration 0010).
    conversationId: uuid("conversation_id").notNull(),
    direction: messageDirectionEnum("direction").notNull(),
    /** customer | bot | agent | system */
    author: text("author").notNull(),
    agentId: uuid("agent_id").references(() => users.id, { onDelete: "set null" }),
    /** WhatsApp message type: text, interactive, image, template, ... */
    type: text("type").notNull(),
    /** Human-readable text of the message (what the transcript shows). */
    body: text("body"),
    /** The full inbound message or the channel-neutral outbound message. */
    payload: jsonb("payload"),
    waMessageId: text("wa_message_id"),
    deliveryStatus: deliveryStatusEnum("delivery_status"),
    error: jsonb("error"),
    /** Node of the flow that produced (outbound) or consumed (inbound) this message. */
    flowNodeId: text("flow_node_id"),
    /**
     * The file of an image, audio, video, document or sticker message (`media.id`). No foreign
     * key, like conversation_id: the row is written in the same statement as its media row,
     * and media rows are never deleted (retention removes the file, not the row).
     */
    mediaId: uuid("media_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("messages_conversation_seq_idx").on(t.conversationId, t.seq),
    // No index on wa_message_id: statuses find their message through the outbox row that sent
    // it, so recording a send (wamid, delivery status) changes no indexed column of the
    // transcript row (a HOT update where the page has room).
  ],
);

/**
 * Inbound media files (docs/media.md): one row per WhatsApp media id of a channel, written
 * pending with the transcript message that carries it, then fetched from the Graph API by the
 * media fetcher (lib/media/fetcher/), which leases rows like the outbox sender does.
 */
export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey(),
    // No foreign keys: written in the runtime's batch statement (see messages.conversation_id).
    channelId: uuid("channel_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    messageId: uuid("message_id").notNull(),
    /** Meta's media id (expires after about 7 days). */
    waMediaId: text("wa_media_id").notNull(),
    /** image | audio | video | document | sticker */
    kind: text("kind").notNull(),
    /** The MIME type the message declared (e.g. `audio/ogg; codecs=opus`). */
    declaredMime: text("declared_mime"),
    /** The type read from the bytes, once downloaded. */
    sniffedMime: text("sniffed_mime"),
    size: bigint("size", { mode: "number" }),
    /** As Meta sent it (hex or base64 of the SHA-256). */
    sha256: text("sha256"),
    filename: text("filename"),
    caption: text("caption"),
    voice: boolean("voice").notNull().default(false),
    status: mediaStatusEnum("status").notNull().default("pending"),
    failureCode: text("failure_code"),
    failureDetail: text("failure_detail"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while a fetcher downloads it: past it (the fetcher died), another may take it. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    leaseInstance: text("lease_instance"),
    leaseBoot: text("lease_boot"),
    storageKey: text("storage_key"),
    thumbnailKey: text("thumbnail_key"),
    createdAt: createdAt(),
    storedAt: timestamp("stored_at", { withTimezone: true }),
    /** When retention (MEDIA_RETENTION_DAYS) removed the file; the row stays as the transcript's stub. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /**
     * A file a flow sent from the media library: the row shares the library's stored file
     * (never deleted by retention) and is uploaded to Meta once per channel (media_library_uploads).
     */
    libraryId: uuid("library_id"),
  },
  (t) => [
    uniqueIndex("media_channel_wa_media_uq").on(t.channelId, t.waMediaId),
    index("media_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("media_stored_idx").on(t.storedAt).where(sql`${t.status} = 'stored' and ${t.deletedAt} is null`),
  ],
);

/**
 * Files marketers upload once and reuse in flows (docs/media.md → Media library). Checked like
 * an agent's upload (size and type read from the bytes against WhatsApp's limits). Deleting
 * one hides it from the library; the file stays for the transcripts and versions that sent it.
 */
export const mediaLibrary = pgTable(
  "media_library",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    /** image | audio | video | document | sticker */
    kind: text("kind").notNull(),
    /** Read from the bytes. */
    mime: text("mime").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** Hex SHA-256 of the bytes: the same file uploaded twice is one item. */
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    thumbnailKey: text("thumbnail_key"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("media_library_listed_idx").on(t.createdAt).where(sql`${t.deletedAt} is null`),
    uniqueIndex("media_library_sha256_uq").on(t.sha256).where(sql`${t.deletedAt} is null`),
  ],
);

/** Meta's id for a library file uploaded through a channel (uploaded media lives 30 days at Meta). */
export const mediaLibraryUploads = pgTable(
  "media_library_uploads",
  {
    libraryId: uuid("library_id")
      .notNull()
      .references(() => mediaLibrary.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    waMediaId: text("wa_media_id").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.libraryId, t.channelId] })],
);

/** Durable inbound inbox: the webhook only inserts here; the worker does the rest. */
export const inbox = pgTable(
  "inbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No foreign key: every insert would take a share lock on the one channel row, and
    // concurrent lockers of one row cost PostgreSQL a multixact each. Channels are never
    // deleted (they are disconnected), so the reference cannot dangle.
    channelId: uuid("channel_id").notNull(),
    waMessageId: text("wa_message_id").notNull(),
    contactWaId: text("contact_wa_id").notNull(),
    contactName: text("contact_name"),
    /** WhatsApp's timestamp (unix seconds) — the per-contact processing order. */
    waTimestamp: bigint("wa_timestamp", { mode: "number" }).notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    status: inboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    /**
     * Who holds an HTTP job's call (lib/runtime/instance.ts): `next_attempt_at` is its lease.
     * A restarted instance takes back at once what its own dead boot held.
     */
    leaseInstance: text("lease_instance"),
    leaseBoot: text("lease_boot"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("inbox_channel_wamid_uq").on(t.channelId, t.waMessageId),
    // Partial indexes: done rows (nearly all of them) cost no index upkeep and no scan time.
    index("inbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("inbox_dead_idx").on(t.id).where(sql`${t.status} = 'dead'`),
    // "Is there an earlier pending row of this contact?" — asked for every claim; done rows are history.
    index("inbox_pending_contact_idx").on(t.channelId, t.contactWaId, t.waTimestamp, t.id).where(sql`${t.status} = 'pending'`),
  ],
);

/** Status webhooks, deduplicated on (channel, wamid, status) and applied monotonically to messages. */
export const statusEvents = pgTable(
  "status_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No foreign key: every insert would take a share lock on the one channel row, and
    // concurrent lockers of one row cost PostgreSQL a multixact each. Channels are never
    // deleted (they are disconnected), so the reference cannot dangle.
    channelId: uuid("channel_id").notNull(),
    waMessageId: text("wa_message_id").notNull(),
    status: text("status").notNull(),
    waTimestamp: bigint("wa_timestamp", { mode: "number" }).notNull(),
    errors: jsonb("errors"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("status_events_uq").on(t.channelId, t.waMessageId, t.status)],
);

/** Outbound outbox: rows committed with the decision that produced them, sent afterwards. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No foreign key: every insert would take a share lock on the one channel row, and
    // concurrent lockers of one row cost PostgreSQL a multixact each. Channels are never
    // deleted (they are disconnected), so the reference cannot dangle.
    channelId: uuid("channel_id").notNull(),
    // Written in the same statement as the message and its conversation (which are never
    // deleted): foreign-key triggers here cost a lookup and a row lock per row, about a fifth
    // of the runtime's batch write, for a reference that cannot dangle.
    conversationId: uuid("conversation_id"),
    messageId: uuid("message_id"),
    contactWaId: text("contact_wa_id").notNull(),
    /** message | mark_read */
    kind: text("kind").notNull().default("message"),
    /**
     * The exact Graph API request body of a row with no transcript message (read receipts).
     * Null for messages: their body is rendered from the transcript message's payload when
     * sent, so a reply's content is not written (and rewritten by the sent record) twice.
     */
    body: jsonb("body"),
    status: outboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set while a sender holds the row, so a crashed sender's rows become claimable again. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /**
     * The lease's holder (lib/runtime/instance.ts): a restarted instance takes back at once the
     * rows its own dead boot held, instead of waiting for `locked_until`. Stale once released.
     */
    leaseInstance: text("lease_instance"),
    leaseBoot: text("lease_boot"),
    lastError: jsonb("last_error"),
    waMessageId: text("wa_message_id"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    // Finding a transcript message's send (desk retries, cascades); read receipts have none.
    index("outbox_message_idx").on(t.messageId).where(sql`${t.messageId} is not null`),
    // Status webhooks name the wamid: the send it belongs to, and through it the transcript message.
    index("outbox_wa_message_idx").on(t.waMessageId).where(sql`${t.waMessageId} is not null`),
    // The sender's per-contact ordering check only looks at unsent rows.
    index("outbox_pending_contact_idx").on(t.channelId, t.contactWaId, t.id).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * The sandbox's side of each simulated chat, in one ordered log: what the built-in fake Graph
 * endpoint accepted for a sandbox channel (`outbound`, business → customer) and what the
 * simulator posted to the webhook as the customer (`inbound`). `to` is the simulated
 * customer's wa_id in both directions.
 */
export const sandboxMessages = pgTable(
  "sandbox_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    phoneNumberId: text("phone_number_id").notNull(),
    to: text("to").notNull(),
    waMessageId: text("wa_message_id").notNull(),
    /** outbound: the Graph API request body; inbound: the webhook message object. */
    body: jsonb("body").notNull(),
    /** outbound | inbound */
    direction: text("direction").notNull().default("outbound"),
    /** outbound: accepted → sent → delivered → read (as reported back); inbound: sending → sent | failed, then read. */
    status: text("status").notNull().default("sent"),
    /** Inbound: the profile name the simulated customer used. */
    contactName: text("contact_name"),
    /** Inbound: why the webhook refused the message (HTTP status and answer). */
    error: jsonb("error"),
    /** Inbound: when the app asked WhatsApp to show "typing…" in reply to this message. */
    typingAt: timestamp("typing_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("sandbox_messages_to_idx").on(t.phoneNumberId, t.to, t.id),
    index("sandbox_messages_wamid_idx").on(t.phoneNumberId, t.waMessageId),
  ],
);

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** SHA-256 of the token: tokens are high-entropy, so a fast hash is enough and lookups stay O(1). */
  tokenHash: text("token_hash").notNull().unique(),
  /** First characters, shown in the list so people can tell tokens apart. */
  prefix: text("prefix").notNull(),
  role: roleEnum("role").notNull(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    details: jsonb("details"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);

/** Failed sign-in counters per account and per IP, shared by every app instance. */
export const loginAttempts = pgTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export const cannedResponses = pgTable("canned_responses", {
  id: uuid("id").primaryKey().defaultRandom(),
  shortcut: text("shortcut").notNull().unique(),
  text: text("text").notNull(),
  createdAt: createdAt(),
});

/**
 * WhatsApp message templates, synced from the channel's WhatsApp Business Account
 * (`GET /{waba-id}/message_templates`) or submitted from Atendo for review. `components` are
 * Meta's own (lib/contacts/templates/schema.ts); status changes arrive by webhook
 * (`message_template_status_update`). A template Meta no longer lists keeps its row with
 * `deleted_at` set: sent messages still name it.
 */
export const messageTemplates = pgTable(
  "message_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    /** The WABA the template belongs to, as it was synced (status webhooks name it). */
    wabaId: text("waba_id"),
    /** Meta's template id (null until Meta has answered a submission). */
    metaId: text("meta_id"),
    name: text("name").notNull(),
    language: text("language").notNull(),
    /** MARKETING | UTILITY | AUTHENTICATION */
    category: text("category").notNull(),
    /** APPROVED | PENDING | REJECTED | PAUSED | DISABLED (or another status Meta reports). */
    status: text("status").notNull(),
    rejectionReason: text("rejection_reason"),
    /** POSITIONAL ({{1}}) or NAMED ({{first_name}}). */
    parameterFormat: text("parameter_format").$type<"POSITIONAL" | "NAMED">().notNull().default("POSITIONAL"),
    components: jsonb("components").$type<TemplateComponent[]>().notNull(),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("message_templates_channel_name_lang_uq").on(t.channelId, t.name, t.language),
    index("message_templates_meta_idx").on(t.metaId).where(sql`${t.metaId} is not null`),
  ],
);

/**
 * The sandbox's side of templates: what its fake Graph endpoint holds for a sandbox WABA, as
 * Meta would. Submissions start PENDING and are approved after `SANDBOX_TEMPLATE_REVIEW_MS`.
 */
export const sandboxTemplates = pgTable(
  "sandbox_templates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    wabaId: text("waba_id").notNull(),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category").notNull(),
    status: text("status").notNull(),
    rejectedReason: text("rejected_reason"),
    parameterFormat: text("parameter_format").notNull().default("POSITIONAL"),
    components: jsonb("components").$type<TemplateComponent[]>().notNull(),
    /** When a PENDING submission is to be reviewed. */
    reviewAt: timestamp("review_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sandbox_templates_waba_name_lang_uq").on(t.wabaId, t.name, t.language)],
);

/**
 * `POST /api/messages` requests by their client key (docs/api.md): the same key answers the
 * same conversation and message again without a second send; another body under a used key is
 * refused. `request_hash` is the SHA-256 of the canonical request.
 */
export const apiMessageRequests = pgTable("api_message_requests", {
  clientKey: text("client_key").primaryKey(),
  requestHash: text("request_hash").notNull(),
  tokenId: uuid("token_id"),
  conversationId: uuid("conversation_id").notNull(),
  messageId: uuid("message_id").notNull(),
  protocol: text("protocol").notNull(),
  createdAt: createdAt(),
});

/**
 * One satisfaction survey per resolved conversation (docs/analytics.md#satisfaction): sent when
 * an agent resolves inside the 24-hour window, answered (score) and maybe commented by the
 * customer. Recorded against the conversation, the agent who resolved it and its queue.
 */
export const csatResponses = pgTable(
  "csat_responses",
  {
    conversationId: uuid("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    queueId: uuid("queue_id").references(() => queues.id, { onDelete: "set null" }),
    agentId: uuid("agent_id").references(() => users.id, { onDelete: "set null" }),
    /** five | faces */
    scale: text("scale").$type<"five" | "faces">().notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    /** The tapped option: 1–5, or 1–3 for faces (sad, neutral, happy). */
    score: integer("score"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    comment: text("comment"),
    commentedAt: timestamp("commented_at", { withTimezone: true }),
  },
  (t) => [index("csat_responses_sent_idx").on(t.sentAt), index("csat_responses_agent_sent_idx").on(t.agentId, t.sentAt)],
);

/**
 * Campaigns (docs/campaigns.md): an approved template sent to an audience (an uploaded CSV or
 * a tag's contacts) now or at a scheduled time. The campaign loop (lib/contacts/campaigns/loop.ts)
 * feeds recipients into the outbox at the channel's rate; status, counts and reasons live on the
 * recipients.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    /** The template as it was chosen (name, language, category, its variables): sends are built from this. */
    templateId: uuid("template_id"),
    template: jsonb("template").$type<Campaigns.CampaignTemplate>().notNull(),
    /** How each template variable is filled: a CSV column, a contact field or fixed text. */
    mapping: jsonb("mapping").$type<Campaigns.VariableMapping>().notNull(),
    /** `{kind: "csv", filename?}` or `{kind: "tag", tag}`. */
    audience: jsonb("audience").$type<Campaigns.CampaignAudience>().notNull(),
    /** scheduled → running ⇄ paused → completed; stopped (a paused template, by the loop) or cancelled (by an admin). */
    status: text("status").$type<Campaigns.CampaignStatus>().notNull(),
    /** Why it stopped or paused, readable (e.g. the template was paused by Meta). */
    statusReason: text("status_reason"),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    /** Where a recipient's reply goes: a flow, or a queue of the desk (null: the channel's flow). */
    replyFlowId: uuid("reply_flow_id").references(() => flows.id, { onDelete: "set null" }),
    replyQueueId: uuid("reply_queue_id").references(() => queues.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("campaigns_status_idx").on(t.status, t.scheduledAt)],
);

/**
 * One row per phone number of a campaign. `status`: pending → queued (its outbox row written)
 * → sent → delivered → read, or failed / skipped with a readable `reason`; `replied_at` is the
 * contact's first message after the send. The outbox row (`outbox_id`) is written in the same
 * transaction that marks the recipient queued, so a recipient is sent at most once whatever the
 * number of instances and restarts. A reply that opens a conversation is stamped by the runtime
 * at once, with that conversation; other replies are read from the contact by the progress sync.
 */
export const campaignRecipients = pgTable(
  "campaign_recipients",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    /** The CSV line (1 = the header), or null for a tag audience. */
    line: integer("line"),
    /** Digits only, as WhatsApp's wa_id (the CSV's E.164 number without "+"). */
    waId: text("wa_id").notNull(),
    name: text("name"),
    /** The template's variables for this recipient, resolved when the campaign was confirmed. */
    variables: jsonb("variables").$type<Record<string, string>>().notNull(),
    status: text("status").$type<Campaigns.RecipientStatus>().notNull().default("pending"),
    reason: text("reason"),
    errorCode: integer("error_code"),
    outboxId: bigint("outbox_id", { mode: "number" }),
    waMessageId: text("wa_message_id"),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    /** The conversation the reply opened, when the runtime saw it open one (docs/campaigns.md, "Replies"). */
    replyConversationId: uuid("reply_conversation_id").references(() => conversations.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("campaign_recipients_phone_uq").on(t.campaignId, t.waId),
    // Totals (group by status) and the loop's next batch (pending / queued / sent in id order).
    index("campaign_recipients_status_idx").on(t.campaignId, t.status, t.id),
  ],
);

/**
 * Shared set-up of the runtime tests: a fresh PostgreSQL database, the fake Graph API and
 * the production server with a real (non-sandbox) default channel bound to the demo flow.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { startFakeGraph, type FakeGraph } from "../../support/fake-graph";
import { postWebhook } from "../../support/webhook";
import { channels, contacts, conversations, flows, flowVersions, inbox, messages, outbox } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";

export type Channel = { phoneNumberId: string; accessToken: string; appSecret: string; verifyToken: string };

export function testChannel(): Channel {
  return {
    phoneNumberId: `1555${randomBytes(4).readUInt32BE() % 10_000_000}`.padEnd(12, "0"),
    accessToken: `EAAtest${randomBytes(12).toString("hex")}`,
    appSecret: randomBytes(16).toString("hex"),
    verifyToken: `verify-${randomBytes(6).toString("hex")}`,
  };
}

export function appEnv(channel: Channel, graph: FakeGraph, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SEED_DEMO: "1",
    WHATSAPP_GRAPH_URL: graph.url,
    WHATSAPP_PHONE_NUMBER_ID: channel.phoneNumberId,
    WHATSAPP_ACCESS_TOKEN: channel.accessToken,
    WHATSAPP_APP_SECRET: channel.appSecret,
    WHATSAPP_VERIFY_TOKEN: channel.verifyToken,
    ...extra,
  };
}

export type Harness = {
  database: TestDatabase;
  graph: FakeGraph;
  app: AppServer;
  channel: Channel;
  /** Signs with the channel's app secret and posts to the webhook. */
  post: (payload: unknown, options?: Parameters<typeof postWebhook>[3]) => Promise<Response>;
  stop: () => Promise<void>;
};

export async function startHarness(options: { env?: Record<string, string>; graph?: FakeGraph; database?: TestDatabase } = {}): Promise<Harness> {
  const channel = testChannel();
  const database = options.database ?? (await createTestDatabase());
  const graph = options.graph ?? (await startFakeGraph());
  graph.setToken(channel.phoneNumberId, channel.accessToken);
  const app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: appEnv(channel, graph, options.env) });
  return {
    database,
    graph,
    app,
    channel,
    post: (payload, postOptions) => postWebhook(app.url, payload, channel.appSecret, postOptions),
    stop: async () => {
      await app.stop();
      await graph.stop();
      await database.drop();
    },
  };
}

/** Polls `probe` until it returns something truthy. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 45_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function channelId(h: Harness): Promise<string> {
  const [row] = await h.database.db.select({ id: channels.id }).from(channels).where(eq(channels.phoneNumberId, h.channel.phoneNumberId));
  return row!.id;
}

export async function conversationsOf(h: Harness, waId: string) {
  return h.database.db
    .select({
      id: conversations.id,
      protocol: conversations.protocol,
      status: conversations.status,
      flowVersionId: conversations.flowVersionId,
      flowState: conversations.flowState,
      queueId: conversations.queueId,
      assigneeId: conversations.assigneeId,
      linkedConversationId: conversations.linkedConversationId,
      closedReason: conversations.closedReason,
      unreadCount: conversations.unreadCount,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(contacts.waId, waId))
    .orderBy(asc(conversations.openedAt));
}

export async function transcript(h: Harness, conversationId: string) {
  return h.database.db
    .select({
      direction: messages.direction,
      author: messages.author,
      type: messages.type,
      body: messages.body,
      waMessageId: messages.waMessageId,
      deliveryStatus: messages.deliveryStatus,
      error: messages.error,
    })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.seq));
}

export async function inboxCounts(h: Harness) {
  const rows = await h.database.db.select({ status: inbox.status, n: sql<number>`count(*)::int` }).from(inbox).groupBy(inbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<"pending" | "done" | "dead", number>>;
}

export async function outboxOf(h: Harness, waId: string) {
  return h.database.db
    .select({ id: outbox.id, kind: outbox.kind, status: outbox.status, attempts: outbox.attempts, waMessageId: outbox.waMessageId, lastError: outbox.lastError })
    .from(outbox)
    .where(and(eq(outbox.contactWaId, waId)))
    .orderBy(asc(outbox.id));
}

let phoneCounter = 0;
/** A customer phone number (wa_id) unique to this run. */
export function customerPhone(): string {
  phoneCounter++;
  return `549${(Date.now() % 1e7).toString().padStart(7, "0")}${(phoneCounter % 100).toString().padStart(2, "0")}`;
}

/**
 * Publishes a new version of the harness channel's flow, made from its active version by
 * `change`, and makes it the active one (straight in the database: the publish route is tested
 * elsewhere). Returns the version and the flow's name.
 */
export async function publishChannelFlow(h: Harness, change: (doc: FlowDocument) => FlowDocument): Promise<{ id: string; number: number; flowName: string }> {
  const db = h.database.db;
  const [channel] = await db.select().from(channels).where(eq(channels.phoneNumberId, h.channel.phoneNumberId));
  const [flow] = await db.select().from(flows).where(eq(flows.id, channel!.flowId!));
  const [active] = await db.select().from(flowVersions).where(eq(flowVersions.id, flow!.activeVersionId!));
  const [latest] = await db.select().from(flowVersions).where(eq(flowVersions.flowId, flow!.id)).orderBy(desc(flowVersions.number)).limit(1);
  const document = change(structuredClone(active!.document) as FlowDocument);
  const [version] = await db
    .insert(flowVersions)
    .values({ flowId: flow!.id, number: latest!.number + 1, document, checksum: createHash("sha256").update(JSON.stringify(document)).digest("hex"), note: "test" })
    .returning();
  await db.update(flows).set({ activeVersionId: version!.id }).where(eq(flows.id, flow!.id));
  return { id: version!.id, number: version!.number, flowName: flow!.name };
}

import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/types";
import { channels, contacts, conversations, flowVersions, media, messages, queues, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { groupMediaAnswers } from "@/lib/flow/media-answer";
import { toMediaView } from "@/lib/media/view";
import { canWork, holds, readableCondition, readableConversation, workableCondition, type ConversationRow, type DeskScope } from "./access";
import type { ListConversationsInput } from "./schemas";
import type { ConversationDetail, ConversationSummary, FlowMediaAnswer, FlowStep, TranscriptMessage } from "./types";
import { serviceWindow } from "./window";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function summarize(db: DbOrTx, rows: ConversationRow[]): Promise<ConversationSummary[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [contactRows, queueRows, userRows, lastRows, positions] = await Promise.all([
    db.select().from(contacts).where(inArray(contacts.id, [...new Set(rows.map((r) => r.contactId))])),
    db.select().from(queues),
    db.select({ id: users.id, name: users.name }).from(users),
    db
      .selectDistinctOn([messages.conversationId], {
        conversationId: messages.conversationId,
        body: messages.body,
        direction: messages.direction,
        author: messages.author,
        type: messages.type,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(and(inArray(messages.conversationId, ids), ne(messages.direction, "system")))
      .orderBy(messages.conversationId, desc(messages.seq)),
    db.execute<{ id: string; position: number }>(sql`
      select id, position from (
        select id, row_number() over (partition by queue_id order by queued_at, id)::int as position
        from conversations where status = 'queued'
      ) q where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`),
  ]);
  const positionRows = (Array.isArray(positions) ? positions : (positions as { rows: { id: string; position: number }[] }).rows) as { id: string; position: number }[];
  const positionById = new Map(positionRows.map((p) => [p.id, Number(p.position)]));
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  const queueById = new Map(queueRows.map((q) => [q.id, q]));
  const userById = new Map(userRows.map((u) => [u.id, u]));
  const lastById = new Map(lastRows.map((m) => [m.conversationId, m]));
  return rows.map((r) => {
    const contact = contactById.get(r.contactId)!;
    const queue = r.queueId ? queueById.get(r.queueId) : undefined;
    const assignee = r.assigneeId ? userById.get(r.assigneeId) : undefined;
    const last = lastById.get(r.id);
    return {
      id: r.id,
      protocol: r.protocol,
      status: r.status,
      contact: { id: contact.id, name: contact.name, waId: contact.waId },
      queue: queue ? { id: queue.id, name: queue.name, slug: queue.slug } : null,
      assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
      openedAt: r.openedAt.toISOString(),
      queuedAt: iso(r.queuedAt),
      assignedAt: iso(r.assignedAt),
      closedAt: iso(r.closedAt),
      lastActivityAt: r.lastActivityAt.toISOString(),
      unreadCount: r.unreadCount,
      position: r.status === "queued" ? (positionById.get(r.id) ?? null) : null,
      lastMessage: last ? { body: last.body, direction: last.direction, author: last.author, type: last.type, createdAt: last.createdAt.toISOString() } : null,
    };
  });
}

/** Resolves a queue given by id or slug; unknown queues are a 422, not an empty list. */
async function queueIdOf(db: DbOrTx, ref: string): Promise<string> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const [queue] = await db.select({ id: queues.id }).from(queues).where(isUuid ? or(eq(queues.id, ref), eq(queues.slug, ref)) : eq(queues.slug, ref));
  if (!queue) throw new AppError("unprocessable", "Unknown queue", { details: { issues: [{ path: "queue", message: "Unknown queue" }] } });
  return queue.id;
}

/** Conversations the user works on, filtered by status, queue and assignee. */
export async function listConversations(db: DbOrTx, scope: DeskScope, filter: ListConversationsInput): Promise<ConversationSummary[]> {
  const where: SQL[] = [workableCondition(scope)];
  if (filter.status.length) where.push(inArray(conversations.status, filter.status));
  if (filter.queue) where.push(eq(conversations.queueId, await queueIdOf(db, filter.queue)));
  if (filter.assignee === "me") where.push(scope.userId ? eq(conversations.assigneeId, scope.userId) : sql`false`);
  else if (filter.assignee === "none") where.push(isNull(conversations.assigneeId));
  else if (filter.assignee) where.push(eq(conversations.assigneeId, filter.assignee));
  const waitingOnly = filter.status.length === 1 && filter.status[0] === "queued";
  const rows = await db
    .select()
    .from(conversations)
    .where(and(...where))
    .orderBy(...(waitingOnly ? [asc(conversations.queuedAt), asc(conversations.id)] : [desc(conversations.lastActivityAt)]))
    .limit(filter.limit);
  return summarize(db, rows);
}

export async function loadTranscript(db: DbOrTx, conversationId: string): Promise<TranscriptMessage[]> {
  const rows = await db
    .select({ m: messages, agentName: users.name, file: media })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.agentId))
    .leftJoin(media, eq(media.id, messages.mediaId))
    .where(eq(messages.conversationId, conversationId))
    // The transcript's own order (rows of one transaction share created_at).
    .orderBy(asc(messages.seq));
  return rows.map(({ m, agentName, file }) => ({
    id: m.id,
    seq: m.seq,
    direction: m.direction,
    author: m.author,
    agent: m.agentId ? { id: m.agentId, name: agentName ?? "" } : null,
    type: m.type,
    body: m.body,
    payload: m.payload,
    deliveryStatus: m.deliveryStatus,
    error: (m.error as TranscriptMessage["error"]) ?? null,
    flowNodeId: m.flowNodeId,
    createdAt: m.createdAt.toISOString(),
    media: file ? toMediaView(file) : null,
  }));
}

type FlowStateLike = { nodeId?: string | null; status?: string; path?: unknown; variables?: unknown };
type FlowDocLike = { nodes?: { id: string; type?: string; data?: { text?: unknown; queue?: unknown; variable?: unknown } }[] };

async function flowSummary(db: DbOrTx, scope: DeskScope, row: ConversationRow): Promise<ConversationDetail["flow"]> {
  const state = row.flowState as FlowStateLike | null;
  if (!state) return null;
  let document: FlowDocLike | null = null;
  if (row.flowVersionId) {
    const [version] = await db.select({ document: flowVersions.document }).from(flowVersions).where(eq(flowVersions.id, row.flowVersionId));
    document = (version?.document as FlowDocLike) ?? null;
  }
  const nodes = new Map((document?.nodes ?? []).map((n) => [n.id, n]));
  const path: FlowStep[] = (Array.isArray(state.path) ? (state.path as string[]) : []).map((id) => {
    const node = nodes.get(id);
    const label = node?.data?.text ?? node?.data?.variable ?? node?.data?.queue;
    return { id, type: node?.type ?? null, label: typeof label === "string" ? label.slice(0, 80) : null };
  });
  const variables = state.variables && typeof state.variables === "object" ? (state.variables as Record<string, string>) : {};
  return { status: state.status ?? null, nodeId: state.nodeId ?? null, path, variables, media: await mediaAnswers(db, scope, variables) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The files a flow captured (a question asking for a file, lib/flow/media-answer.ts), each
 * with its media row's view under the same read rule as /api/media/{id}: a file the user may
 * not read, or that does not exist, comes back without a view.
 */
async function mediaAnswers(db: DbOrTx, scope: DeskScope, variables: Record<string, string>): Promise<FlowMediaAnswer[]> {
  const { media: found } = groupMediaAnswers(variables);
  if (found.length === 0) return [];
  const ids = [...new Set(found.map((m) => m.ref.id).filter((id) => UUID.test(id)))];
  const rows = ids.length
    ? await db
        .select({ file: media })
        .from(media)
        .innerJoin(conversations, eq(conversations.id, media.conversationId))
        .where(and(inArray(media.id, ids), readableCondition(scope)))
    : [];
  const views = new Map(rows.map((r) => [r.file.id, toMediaView(r.file)]));
  return found.map((m) => ({ name: m.name, kind: m.ref.kind, display: variables[m.name] ?? "", view: views.get(m.ref.id) ?? null }));
}

/** Everything the conversation view shows, for a user allowed to read it. */
export async function getConversationDetail(db: Db, scope: DeskScope, id: string): Promise<ConversationDetail> {
  const row = await readableConversation(db, scope, id);
  const [[summary], [contact], [channel], transcript, flow, historyRows] = await Promise.all([
    summarize(db, [row]),
    db.select().from(contacts).where(eq(contacts.id, row.contactId)),
    db.select({ id: channels.id, name: channels.name, displayNumber: channels.displayNumber }).from(channels).where(eq(channels.id, row.channelId)),
    loadTranscript(db, row.id),
    flowSummary(db, scope, row),
    db
      .select({ c: conversations, queueName: queues.name })
      .from(conversations)
      .leftJoin(queues, eq(queues.id, conversations.queueId))
      // Only what this user may open: a protocol they cannot read is not even listed.
      .where(and(eq(conversations.contactId, row.contactId), ne(conversations.id, row.id), readableCondition(scope)))
      .orderBy(desc(conversations.openedAt))
      .limit(50),
  ]);
  let linked: ConversationDetail["linked"] = null;
  if (row.linkedConversationId) {
    const [other] = await db.select().from(conversations).where(and(eq(conversations.id, row.linkedConversationId), eq(conversations.contactId, row.contactId), readableCondition(scope)));
    if (other) {
      linked = { id: other.id, protocol: other.protocol, status: other.status, openedAt: other.openedAt.toISOString(), closedAt: iso(other.closedAt), messages: await loadTranscript(db, other.id) };
    }
  }
  const workable = canWork(scope, row);
  const holding = holds(scope, row);
  return {
    ...summary!,
    channel: channel!,
    closedReason: row.closedReason,
    firstResponseAt: iso(row.firstResponseAt),
    messages: transcript,
    flow,
    contactLastInboundAt: iso(contact!.lastInboundAt),
    window: serviceWindow(contact!.lastInboundAt),
    history: historyRows.map(({ c, queueName }) => ({ id: c.id, protocol: c.protocol, status: c.status, openedAt: c.openedAt.toISOString(), closedAt: iso(c.closedAt), queueName })),
    linked,
    can: {
      claim: workable && row.status === "queued" && !!scope.userId,
      reply: holding,
      note: workable,
      transfer: workable && (row.status === "queued" || (row.status === "assigned" && (scope.admin || row.assigneeId === scope.userId))),
      resolve: holding,
      reopen: workable && row.status === "closed" && !!scope.userId,
    },
  };
}

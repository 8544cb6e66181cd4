import "server-only";
import { and, asc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "@/lib/db/types";
import { channels, conversations, flows, flowVersions, users } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import { emptyFlowDocument } from "@/lib/flow/schema";
import { parseFlowDocument, readStoredDocument } from "./document";
import { FLOW_NAME_MAX } from "./schemas";
import type { BoundChannel, FlowDetail, FlowSummary } from "./types";

const activeVersion = alias(flowVersions, "active_version");
const editor = alias(users, "editor");

async function selectSummaries(db: DbOrTx, where?: SQL): Promise<(Omit<FlowSummary, "channels"> & { draft?: unknown })[]> {
  const rows = await db
    .select({
      id: flows.id,
      name: flows.name,
      draftRevision: flows.draftRevision,
      createdAt: flows.createdAt,
      updatedAt: flows.updatedAt,
      updatedById: flows.updatedBy,
      updatedByName: editor.name,
      activeId: activeVersion.id,
      activeNumber: activeVersion.number,
      activePublishedAt: activeVersion.createdAt,
      lastPublishedAt: sql`(select max(v.created_at) from flow_versions v where v.flow_id = ${flows.id})`.mapWith(flowVersions.createdAt),
      versionCount: sql`(select count(*) from flow_versions v where v.flow_id = ${flows.id})`.mapWith(Number),
      // Compared in the database (jsonb equality ignores key order), so lists never ship documents.
      hasUnpublishedChanges: sql<boolean>`(${activeVersion.id} is null or ${flows.draft} <> ${activeVersion.document})`.mapWith(Boolean),
    })
    .from(flows)
    .leftJoin(activeVersion, eq(activeVersion.id, flows.activeVersionId))
    .leftJoin(editor, eq(editor.id, flows.updatedBy))
    .where(where)
    .orderBy(asc(flows.name), asc(flows.createdAt));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    draftRevision: r.draftRevision,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedById && r.updatedByName ? { id: r.updatedById, name: r.updatedByName } : null,
    activeVersion:
      r.activeId && r.activeNumber !== null && r.activePublishedAt
        ? { id: r.activeId, number: r.activeNumber, publishedAt: r.activePublishedAt }
        : null,
    lastPublishedAt: r.lastPublishedAt ?? null,
    versionCount: r.versionCount,
    hasUnpublishedChanges: r.hasUnpublishedChanges,
  }));
}

async function boundChannels(db: DbOrTx, flowId?: string): Promise<Map<string, BoundChannel[]>> {
  const rows = await db
    .select({ id: channels.id, name: channels.name, displayNumber: channels.displayNumber, sandbox: channels.sandbox, flowId: channels.flowId })
    .from(channels)
    .where(flowId ? eq(channels.flowId, flowId) : isNotNull(channels.flowId))
    .orderBy(asc(channels.name));
  const byFlow = new Map<string, BoundChannel[]>();
  for (const { flowId: id, ...channel } of rows) {
    if (!id) continue;
    byFlow.set(id, [...(byFlow.get(id) ?? []), channel]);
  }
  return byFlow;
}

export async function listFlows(db: DbOrTx): Promise<FlowSummary[]> {
  const [rows, bound] = await Promise.all([selectSummaries(db), boundChannels(db)]);
  return rows.map((row) => ({ ...row, channels: bound.get(row.id) ?? [] }));
}

export async function getFlowSummary(db: DbOrTx, id: string): Promise<FlowSummary> {
  const [row] = await selectSummaries(db, eq(flows.id, id));
  if (!row) throw new AppError("not_found", "Flow not found");
  return { ...row, channels: (await boundChannels(db, id)).get(id) ?? [] };
}

export async function getFlow(db: DbOrTx, id: string): Promise<FlowDetail> {
  const summary = await getFlowSummary(db, id);
  const [row] = await db.select({ draft: flows.draft }).from(flows).where(eq(flows.id, id));
  if (!row) throw new AppError("not_found", "Flow not found");
  return { ...summary, draft: readStoredDocument(row.draft) };
}

/** The bare row, optionally locked for the rest of the transaction. */
export async function getFlowRow(db: DbOrTx, id: string, lock?: "update" | "share") {
  const query = db.select().from(flows).where(eq(flows.id, id));
  const [row] = await (lock === "update" ? query.for("update") : lock === "share" ? query.for("share") : query);
  if (!row) throw new AppError("not_found", "Flow not found");
  return row;
}

export async function createFlow(
  db: Db,
  input: { name: string; document?: unknown },
  actorId: string | null,
): Promise<FlowDetail> {
  const document = input.document === undefined ? emptyFlowDocument() : parseFlowDocument(input.document);
  const [row] = await db
    .insert(flows)
    .values({ name: input.name, draft: document, createdBy: actorId, updatedBy: actorId })
    .returning({ id: flows.id });
  return getFlow(db, row!.id);
}

export type SavedDraft = { revision: number; updatedAt: Date };

/**
 * Saves the draft only if nobody saved since `revision`: the compare-and-set is one UPDATE,
 * so two concurrent saves based on the same revision can never both win.
 */
export async function saveDraft(
  db: Db,
  id: string,
  input: { document: unknown; revision: number; name?: string },
  actorId: string | null,
): Promise<SavedDraft> {
  const document = parseFlowDocument(input.document);
  const [saved] = await db
    .update(flows)
    .set({
      draft: document,
      draftRevision: sql`${flows.draftRevision} + 1`,
      ...(input.name !== undefined ? { name: input.name } : {}),
      updatedBy: actorId,
      updatedAt: new Date(),
    })
    .where(and(eq(flows.id, id), eq(flows.draftRevision, input.revision)))
    .returning({ revision: flows.draftRevision, updatedAt: flows.updatedAt });
  if (saved) return saved;
  throw await staleRevision(db, id);
}

/** The 409 for a stale revision, carrying what the client needs to offer "reload" or "overwrite". */
export async function staleRevision(db: DbOrTx, id: string): Promise<AppError> {
  const [current] = await db
    .select({ revision: flows.draftRevision, updatedAt: flows.updatedAt, updatedById: flows.updatedBy, updatedByName: editor.name })
    .from(flows)
    .leftJoin(editor, eq(editor.id, flows.updatedBy))
    .where(eq(flows.id, id));
  if (!current) return new AppError("not_found", "Flow not found");
  return new AppError("conflict", "The draft was changed by someone else since you opened it", {
    details: {
      currentRevision: current.revision,
      updatedAt: current.updatedAt,
      updatedBy: current.updatedById ? { id: current.updatedById, name: current.updatedByName } : null,
    },
  });
}

export async function renameFlow(db: Db, id: string, name: string, actorId: string | null): Promise<FlowSummary> {
  const [row] = await db
    .update(flows)
    .set({ name, updatedBy: actorId, updatedAt: new Date() })
    .where(eq(flows.id, id))
    .returning({ id: flows.id });
  if (!row) throw new AppError("not_found", "Flow not found");
  return getFlowSummary(db, id);
}

/**
 * Refused while a channel is bound to the flow (customers would get no answer) or while
 * bot conversations still run on one of its versions (they are pinned to it).
 */
export async function deleteFlow(db: Db, id: string, actorId: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    // The row lock orders this against a concurrent bind (which takes a share lock).
    const flow = await getFlowRow(tx, id, "update");
    const bound = (await boundChannels(tx, id)).get(id) ?? [];
    if (bound.length > 0) {
      throw new AppError("conflict", "The flow is bound to a channel; bind another flow to the channel first", {
        details: { channels: bound },
      });
    }
    const [{ running }] = await tx
      .select({ running: sql`count(*)`.mapWith(Number) })
      .from(conversations)
      .innerJoin(flowVersions, eq(flowVersions.id, conversations.flowVersionId))
      .where(and(eq(flowVersions.flowId, id), eq(conversations.status, "bot")));
    if (running! > 0) {
      throw new AppError("conflict", "Conversations are still running on this flow; try again when they have finished", {
        details: { runningConversations: running },
      });
    }
    await tx.delete(flows).where(eq(flows.id, id));
    await recordAudit(tx, { actorId, action: "flow.delete", entityType: "flow", entityId: id, details: { name: flow.name } });
  });
}

/** A new flow with a copy of the draft; versions are not copied (the copy starts unpublished). */
export async function duplicateFlow(db: Db, id: string, name: string | undefined, actorId: string | null, copySuffix = "(copia)"): Promise<FlowDetail> {
  const source = await getFlowRow(db, id);
  const [row] = await db
    .insert(flows)
    .values({ name: name ?? `${source.name} ${copySuffix}`.slice(0, FLOW_NAME_MAX), draft: source.draft, createdBy: actorId, updatedBy: actorId })
    .returning({ id: flows.id });
  await recordAudit(db, { actorId, action: "flow.duplicate", entityType: "flow", entityId: row!.id, details: { from: id } });
  return getFlow(db, row!.id);
}

import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/types";
import { flows, flowVersions, users } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import type { FlowDocument } from "@/lib/flow/schema";
import type { LintLocale } from "@/lib/flow/validate";
import { flowChecksum } from "./checksum";
import { parseFlowDocument, readStoredDocument } from "./document";
import { lintWithQueues } from "./lint";
import { getFlowRow, staleRevision } from "./queries";
import type { DocumentRef } from "./schemas";
import type { PublishResult, VersionDetail, VersionSummary } from "./types";

async function selectVersions(db: DbOrTx, where: SQL): Promise<VersionSummary[]> {
  const rows = await db
    .select({
      id: flowVersions.id,
      number: flowVersions.number,
      checksum: flowVersions.checksum,
      note: flowVersions.note,
      authorId: flowVersions.authorId,
      authorName: users.name,
      createdAt: flowVersions.createdAt,
      nodeCount: sql`coalesce(jsonb_array_length(${flowVersions.document}->'nodes'), 0)`.mapWith(Number),
      active: sql<boolean>`(${flows.activeVersionId} is not distinct from ${flowVersions.id})`.mapWith(Boolean),
    })
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .leftJoin(users, eq(users.id, flowVersions.authorId))
    .where(where)
    .orderBy(desc(flowVersions.number));
  return rows.map(({ authorId, authorName, ...rest }) => ({
    ...rest,
    author: authorId && authorName ? { id: authorId, name: authorName } : null,
  }));
}

/** Newest first. */
export async function listVersions(db: DbOrTx, flowId: string): Promise<VersionSummary[]> {
  await getFlowRow(db, flowId);
  return selectVersions(db, eq(flowVersions.flowId, flowId));
}

export async function getVersion(db: DbOrTx, flowId: string, number: number): Promise<VersionDetail> {
  const where = and(eq(flowVersions.flowId, flowId), eq(flowVersions.number, number))!;
  const [row] = await selectVersions(db, where);
  if (!row) {
    await getFlowRow(db, flowId); // 404 for the flow before 404 for the version
    throw new AppError("not_found", `Version ${number} not found`);
  }
  const [stored] = await db.select({ document: flowVersions.document }).from(flowVersions).where(where);
  return { ...row, document: readStoredDocument(stored!.document) };
}

async function versionSummary(db: DbOrTx, versionId: string): Promise<VersionSummary> {
  const [row] = await selectVersions(db, eq(flowVersions.id, versionId));
  if (!row) throw new AppError("not_found", "Version not found");
  return row;
}

/** A document by reference: the draft, the active version or a version number. */
export async function resolveDocument(
  db: DbOrTx,
  flowId: string,
  ref: DocumentRef,
): Promise<{ ref: { kind: "draft"; revision: number } | { kind: "version"; number: number; active: boolean }; document: FlowDocument }> {
  const flow = await getFlowRow(db, flowId);
  if (ref === "draft") return { ref: { kind: "draft", revision: flow.draftRevision }, document: readStoredDocument(flow.draft) };
  if (ref === "active") {
    if (!flow.activeVersionId) throw new AppError("unprocessable", "The flow has not been published yet");
    const [v] = await db.select().from(flowVersions).where(eq(flowVersions.id, flow.activeVersionId));
    if (!v) throw new AppError("not_found", "Active version not found");
    return { ref: { kind: "version", number: v.number, active: true }, document: readStoredDocument(v.document) };
  }
  const v = await getVersion(db, flowId, ref);
  return { ref: { kind: "version", number: v.number, active: v.active }, document: v.document };
}

/**
 * Lint + new immutable version + active pointer, in one transaction. The flow row is locked
 * first, so concurrent publishes of one flow queue up and take consecutive numbers (the
 * unique index on (flow, number) is the backstop).
 */
export async function publishFlow(
  db: Db,
  flowId: string,
  input: { note?: string; skipIfUnchanged?: boolean },
  actorId: string | null,
  locale?: LintLocale,
): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    const flow = await getFlowRow(tx, flowId, "update");
    // Drafts are validated when saved; a draft written by an older build is re-checked here.
    const document = parseFlowDocument(flow.draft, { pathPrefix: "draft" });
    const lint = await lintWithQueues(tx, document, locale);
    if (lint.errors.length > 0) {
      const n = lint.errors.length;
      throw new AppError("unprocessable", `The flow has ${n} ${n === 1 ? "error" : "errors"} to fix before publishing`, {
        details: { lint },
      });
    }
    const checksum = flowChecksum(document);
    if (input.skipIfUnchanged && flow.activeVersionId) {
      const [active] = await tx.select({ checksum: flowVersions.checksum }).from(flowVersions).where(eq(flowVersions.id, flow.activeVersionId));
      if (active?.checksum === checksum) return { version: await versionSummary(tx, flow.activeVersionId), lint, unchanged: true };
    }
    const [{ last }] = await tx
      .select({ last: sql`coalesce(max(${flowVersions.number}), 0)`.mapWith(Number) })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flowId));
    const [version] = await tx
      .insert(flowVersions)
      .values({ flowId, number: last! + 1, document, checksum, authorId: actorId, note: input.note || null })
      .returning({ id: flowVersions.id, number: flowVersions.number });
    await tx.update(flows).set({ activeVersionId: version!.id }).where(eq(flows.id, flowId));
    await recordAudit(tx, {
      actorId,
      action: "flow.publish",
      entityType: "flow",
      entityId: flowId,
      details: { version: version!.number, checksum, note: input.note ?? null, warnings: lint.warnings.length },
    });
    return { version: await versionSummary(tx, version!.id), lint, unchanged: false };
  });
}

/** Points the flow at an earlier (or later) version; history is kept and no version is created. */
export async function rollbackFlow(db: Db, flowId: string, number: number, actorId: string | null): Promise<VersionSummary> {
  return db.transaction(async (tx) => {
    const flow = await getFlowRow(tx, flowId, "update");
    const [target] = await tx
      .select({ id: flowVersions.id })
      .from(flowVersions)
      .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.number, number)));
    if (!target) throw new AppError("not_found", `Version ${number} not found`);
    let previous: number | null = null;
    if (flow.activeVersionId) {
      const [current] = await tx.select({ number: flowVersions.number }).from(flowVersions).where(eq(flowVersions.id, flow.activeVersionId));
      previous = current?.number ?? null;
    }
    if (flow.activeVersionId !== target.id) {
      await tx.update(flows).set({ activeVersionId: target.id }).where(eq(flows.id, flowId));
    }
    await recordAudit(tx, {
      actorId,
      action: "flow.rollback",
      entityType: "flow",
      entityId: flowId,
      details: { from: previous, to: number },
    });
    return versionSummary(tx, target.id);
  });
}

/** Copies a version into the draft (a new draft revision); the active version is untouched. */
export async function restoreVersion(
  db: Db,
  flowId: string,
  input: { version: number; revision?: number },
  actorId: string | null,
): Promise<{ revision: number; updatedAt: Date }> {
  return db.transaction(async (tx) => {
    const flow = await getFlowRow(tx, flowId, "update");
    if (input.revision !== undefined && input.revision !== flow.draftRevision) throw await staleRevision(tx, flowId);
    const [version] = await tx
      .select({ document: flowVersions.document })
      .from(flowVersions)
      .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.number, input.version)));
    if (!version) throw new AppError("not_found", `Version ${input.version} not found`);
    const [saved] = await tx
      .update(flows)
      .set({ draft: version.document, draftRevision: flow.draftRevision + 1, updatedBy: actorId, updatedAt: new Date() })
      .where(eq(flows.id, flowId))
      .returning({ revision: flows.draftRevision, updatedAt: flows.updatedAt });
    await recordAudit(tx, { actorId, action: "flow.restore", entityType: "flow", entityId: flowId, details: { version: input.version } });
    return saved!;
  });
}

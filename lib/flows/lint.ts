import "server-only";
import { asc, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { messageTemplates, queues } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { libraryIdsOf } from "@/lib/flow/nodes/media-source";
import { lintFlow, type LintLocale, type LintReport } from "@/lib/flow/validate";
import { libraryFacts } from "@/lib/media/library/queries";

export async function queueSlugs(db: DbOrTx): Promise<string[]> {
  return (await db.select({ slug: queues.slug }).from(queues).orderBy(asc(queues.slug))).map((q) => q.slug);
}

/**
 * The publish lint against what exists now: the queues (a handoff to a missing queue is an
 * error) and the media library files the flow names (kinds and sizes).
 */
export async function lintWithQueues(db: DbOrTx, document: FlowDocument, locale?: LintLocale): Promise<LintReport> {
  const nodes = Array.isArray(document.nodes) ? document.nodes : [];
  const library = await libraryFacts(db, libraryIdsOf(nodes).filter(isUuid));
  return lintFlow(document, { queues: await queueSlugs(db), locale, library, templates: await templateStatuses(db) });
}

/** Every synced template's status by "name/language" (the best status when several numbers have it). */
async function templateStatuses(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ name: messageTemplates.name, language: messageTemplates.language, status: messageTemplates.status }).from(messageTemplates).where(isNull(messageTemplates.deletedAt));
  const out = new Map<string, string>();
  for (const row of rows) {
    const key = `${row.name}/${row.language}`;
    if (out.get(key) !== "APPROVED") out.set(key, row.status);
  }
  return out;
}

// A hand-edited import may carry anything as an id; only uuids can be items (others lint as missing).
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

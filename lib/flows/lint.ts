import "server-only";
import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { queues } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { lintFlow, type LintLocale, type LintReport } from "@/lib/flow/validate";

export async function queueSlugs(db: DbOrTx): Promise<string[]> {
  return (await db.select({ slug: queues.slug }).from(queues).orderBy(asc(queues.slug))).map((q) => q.slug);
}

/** The publish lint against the queues that exist now (a handoff to a missing queue is an error). */
export async function lintWithQueues(db: DbOrTx, document: FlowDocument, locale?: LintLocale): Promise<LintReport> {
  return lintFlow(document, { queues: await queueSlugs(db), locale });
}

import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { diffFlows, hasContentChanges } from "@/lib/flow/diff";
import type { DocumentRef } from "./schemas";
import { resolveDocument } from "./versions";

/** Structural difference between two versions, or a version and the draft (`lib/flow/diff.ts`). */
export async function diffFlowDocuments(db: DbOrTx, flowId: string, from: DocumentRef, to: DocumentRef) {
  const [a, b] = [await resolveDocument(db, flowId, from), await resolveDocument(db, flowId, to)];
  const diff = diffFlows(a.document, b.document);
  return { from: a.ref, to: b.ref, hasContentChanges: hasContentChanges(diff), diff };
}

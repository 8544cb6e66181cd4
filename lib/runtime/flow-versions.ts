import "server-only";
import { inArray } from "drizzle-orm";
import { flowVersions } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { flowDocumentSchema, type FlowDocument } from "@/lib/flow/schema";

export type LoadedVersion = { id: string; number: number; document: FlowDocument | null; problem: string | null };

const LIMIT = 500;
// Versions are immutable, so a parsed document never goes stale: cache it for the process.
const state = globalThis as unknown as { __atendoVersions?: Map<string, LoadedVersion> };

function cache(): Map<string, LoadedVersion> {
  state.__atendoVersions ??= new Map();
  return state.__atendoVersions;
}

/** Parsed documents of the given versions (a document that fails the schema comes back with `problem`). */
export async function loadVersions(db: DbOrTx, ids: Iterable<string>): Promise<Map<string, LoadedVersion>> {
  const wanted = [...new Set(ids)];
  const store = cache();
  const missing = wanted.filter((id) => !store.has(id));
  if (missing.length > 0) {
    const rows = await db
      .select({ id: flowVersions.id, number: flowVersions.number, document: flowVersions.document })
      .from(flowVersions)
      .where(inArray(flowVersions.id, missing));
    for (const row of rows) {
      const parsed = flowDocumentSchema.safeParse(row.document);
      store.set(row.id, {
        id: row.id,
        number: row.number,
        document: parsed.success ? parsed.data : null,
        problem: parsed.success ? null : `The flow version ${row.number} is not a valid flow document: ${parsed.error.issues[0]?.message ?? "invalid"}`,
      });
      if (store.size > LIMIT) store.delete(store.keys().next().value!);
    }
  }
  const out = new Map<string, LoadedVersion>();
  for (const id of wanted) {
    const v = store.get(id);
    if (v) out.set(id, v);
  }
  return out;
}

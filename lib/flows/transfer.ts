import "server-only";
import type { Db, DbOrTx } from "@/lib/db/types";
import { flows } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { FieldIssue } from "@/lib/errors/zod-issues";
import type { FlowDocument } from "@/lib/flow/schema";
import type { LintLocale, LintReport } from "@/lib/flow/validate";
import { parseFlowDocument } from "./document";
import { lintWithQueues } from "./lint";
import { getFlow, getFlowRow } from "./queries";
import { flowNameSchema, type DocumentRef } from "./schemas";
import type { FlowDetail, FlowExportFile } from "./types";
import { resolveDocument } from "./versions";

export const FLOW_FILE_SUFFIX = ".atendo-flow.json";
/** Generous: a 5,000-node generated flow is about 2 MB. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** `<flow name>.atendo-flow.json`, without characters that file systems or headers reject. */
export function exportFileName(flowName: string): string {
  const safe = flowName
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a file name must not carry
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 100);
  return `${safe || "flow"}${FLOW_FILE_SUFFIX}`;
}

/** RFC 6266 header: an ASCII fallback plus the exact UTF-8 name ("Menú principal"). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function exportFlow(db: DbOrTx, flowId: string, ref: DocumentRef): Promise<{ fileName: string; file: FlowExportFile }> {
  const flow = await getFlowRow(db, flowId);
  const { document } = await resolveDocument(db, flowId, ref);
  return { fileName: exportFileName(flow.name), file: { name: flow.name, document } };
}

/** Serialised like a file people commit: stable key order (the schema's), indented, final newline. */
export function exportFileText(file: FlowExportFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

function nameFromFileName(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  const base = fileName.replace(/^.*[\\/]/, "");
  const lower = base.toLowerCase();
  const stem = lower.endsWith(FLOW_FILE_SUFFIX)
    ? base.slice(0, -FLOW_FILE_SUFFIX.length)
    : lower.endsWith(".json")
      ? base.slice(0, -".json".length)
      : base;
  return stem.trim() || undefined;
}

/**
 * Reads an import payload: the export file `{name, document}`, or a bare document (then
 * the name comes from `name` or the file name). Every problem is collected into one 422.
 */
export function parseImportPayload(payload: unknown, hints: { name?: string; fileName?: string } = {}): { name: string; document: FlowDocument } {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new AppError("unprocessable", "This is not an Atendo flow file: expected a JSON object with name and document", {
      details: { issues: [{ path: "", message: "Expected a JSON object" }] },
    });
  }
  const record = payload as Record<string, unknown>;
  const wrapped = "document" in record;
  if (!wrapped && !("schemaVersion" in record) && !("nodes" in record)) {
    throw new AppError("unprocessable", "This is not an Atendo flow file: expected a JSON object with name and document", {
      details: { issues: [{ path: "document", message: "Required" }] },
    });
  }
  const issues: FieldIssue[] = [];
  const rawName = hints.name ?? (wrapped ? record.name : undefined) ?? nameFromFileName(hints.fileName);
  const name = flowNameSchema.safeParse(rawName);
  if (!name.success) issues.push({ path: "name", message: rawName === undefined ? "The flow needs a name" : name.error.issues[0]!.message });
  let document: FlowDocument | undefined;
  try {
    document = parseFlowDocument(wrapped ? record.document : payload, { pathPrefix: wrapped ? "document" : "" });
  } catch (error) {
    if (!isAppError(error)) throw error;
    const documentIssues = (error.details as { issues: FieldIssue[] }).issues;
    throw new AppError("unprocessable", error.message, { details: { issues: [...issues, ...documentIssues] } });
  }
  if (!name.success || !document) throw new AppError("unprocessable", "The flow file has no usable name", { details: { issues } });
  return { name: name.data, document };
}

/** Creates a new flow whose draft is the imported document; nothing is stored when it is invalid. */
export async function importFlow(
  db: Db,
  payload: unknown,
  hints: { name?: string; fileName?: string },
  actorId: string | null,
  locale?: LintLocale,
): Promise<{ flow: FlowDetail; lint: LintReport }> {
  const { name, document } = parseImportPayload(payload, hints);
  const flowId = await db.transaction(async (tx) => {
    const [row] = await tx.insert(flows).values({ name, draft: document, createdBy: actorId, updatedBy: actorId }).returning({ id: flows.id });
    await recordAudit(tx, {
      actorId,
      action: "flow.import",
      entityType: "flow",
      entityId: row!.id,
      details: { name, nodes: document.nodes.length, fileName: hints.fileName ?? null },
    });
    return row!.id;
  });
  // The lint is informative here (the draft is saved either way); publishing enforces it.
  return { flow: await getFlow(db, flowId), lint: await lintWithQueues(db, document, locale) };
}

import { flowDocumentSchema, type FlowDocument } from "@/lib/flow/schema";
import { AppError } from "@/lib/errors/app-error";
import { zodIssues, type FieldIssue } from "@/lib/errors/zod-issues";

/**
 * Validates a flow document at a boundary (save, import, create, simulate). Failure is a
 * 422 listing every issue; an unsupported `schemaVersion` leads the message, since it makes
 * every other issue moot.
 */
/** `pathPrefix` ("document" by default, "" for none) is prepended to every issue path. */
export function parseFlowDocument(input: unknown, options: { pathPrefix?: string } = {}): FlowDocument {
  const result = flowDocumentSchema.safeParse(input);
  if (result.success) return result.data;
  const prefix = options.pathPrefix ?? "document";
  const issues: FieldIssue[] = zodIssues(result.error).map((issue) => ({
    path: [prefix, issue.path].filter(Boolean).join("."),
    message: issue.message,
  }));
  const versionIssue = result.error.issues.find((issue) => issue.path.length === 1 && issue.path[0] === "schemaVersion");
  const notAnObject = input === null || typeof input !== "object" || Array.isArray(input);
  const message = versionIssue
    ? versionIssue.message
    : notAnObject
      ? "The document must be a JSON object with schemaVersion, settings, nodes and edges"
      : `The flow document is not valid (${issues.length} ${issues.length === 1 ? "issue" : "issues"})`;
  throw new AppError("unprocessable", message, { details: { issues } });
}

/**
 * Reads a stored document back into the schema's shape and key order (jsonb reorders keys),
 * so that exports and API answers are stable and diff-friendly. A stored document that no
 * longer parses (written by an older build) is returned as stored rather than hidden.
 */
export function readStoredDocument(stored: unknown): FlowDocument {
  const result = flowDocumentSchema.safeParse(stored);
  return result.success ? result.data : (stored as FlowDocument);
}

import type { ZodError } from "zod";

export type FieldIssue = { path: string; message: string };

export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { zodIssues } from "@/lib/errors/zod-issues";

/**
 * Analytics queries answer a malformed parameter with 400 and the reason (the issue's contract
 * for ranges), not the 422 of request bodies: the first issue's message is the error's message.
 */
export function parseAnalyticsQuery<T extends z.ZodType>(schema: T, query: Record<string, string>): z.infer<T> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  throw new AppError("bad_request", result.error.issues[0]?.message ?? "Invalid query", { details: { issues } });
}

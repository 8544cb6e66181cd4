import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { zodIssues } from "@/lib/errors/zod-issues";
import { rangeQuerySchema } from "./range";

/** Tables of the satisfaction figures, each exportable as CSV. */
export const SATISFACTION_TABLES = ["agents", "queues", "days", "comments"] as const;
export type SatisfactionTable = (typeof SATISFACTION_TABLES)[number];

/** `GET /api/analytics/satisfaction`: a day range, optionally one queue and/or one agent; `format=csv` with a `table`. */
export const satisfactionQuerySchema = rangeQuerySchema.extend({
  queueId: z.uuid("queueId must be a queue id").optional(),
  agentId: z.uuid("agentId must be a user id").optional(),
  format: z.enum(["json", "csv"]).default("json"),
  table: z.enum(SATISFACTION_TABLES).default("agents"),
});
export type SatisfactionQuery = z.infer<typeof satisfactionQuerySchema>;

/** A malformed query is a 400 with the reason (like a bad range), not a 422. */
export function parseSatisfactionQuery(input: Record<string, string>): SatisfactionQuery {
  const result = satisfactionQuerySchema.safeParse(input);
  if (!result.success) {
    const issues = zodIssues(result.error);
    throw new AppError("bad_request", issues.map((i) => i.message).join("; "), { details: { issues } });
  }
  return result.data;
}

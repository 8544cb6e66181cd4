import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { zodIssues } from "@/lib/errors/zod-issues";
import { rangeQuerySchema } from "../range";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID names nothing: 404 like an unknown one, never a 500 from the cast. */
const idOf = (what: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      if (!uuid.test(v)) {
        ctx.addIssue({ code: "custom", message: `Unknown ${what}`, params: { notFound: true } });
        return z.NEVER;
      }
      return v.toLowerCase();
    });

const format = z.enum(["json", "csv"]).optional();

/** GET /api/analytics/bot: the flow and channel are optional filters. */
export const botQuerySchema = rangeQuerySchema.extend({
  flowId: idOf("flow"),
  channelId: idOf("channel"),
  format,
  /** Which table a CSV export holds. */
  table: z.enum(["versions", "days", "handoffs"]).optional(),
});
export type BotQuery = z.infer<typeof botQuerySchema>;

/** GET /api/analytics/flows/[id]/overlay: `version` defaults to the active one. */
export const overlayQuerySchema = rangeQuerySchema.extend({
  version: z.coerce.number().int("Version numbers are whole numbers").positive("Version numbers start at 1").optional(),
  format,
});
export type OverlayQuery = z.infer<typeof overlayQuerySchema>;

/** GET /api/analytics/flows/[id]/overlay/nodes/[nodeId]: the few recent conversations that left there. */
export const nodeQuerySchema = rangeQuerySchema.extend({
  version: z.coerce.number().int("Version numbers are whole numbers").positive("Version numbers start at 1").optional(),
});
export type NodeQuery = z.infer<typeof nodeQuerySchema>;

/**
 * Parses an analytics query. A malformed range or parameter is a 400 naming the reason (the
 * analytics contract, unlike the 422 of request bodies); an id that cannot exist is a 404.
 */
export function parseAnalyticsQuery<T extends z.ZodType>(schema: T, query: Record<string, string>): z.infer<T> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "custom" && (issue.params as { notFound?: boolean } | undefined)?.notFound) throw new AppError("not_found", issue.message);
  const field = issue.path.join(".");
  throw new AppError("bad_request", field ? `${field}: ${issue.message}` : issue.message, {
    details: { issues: zodIssues(result.error) },
  });
}

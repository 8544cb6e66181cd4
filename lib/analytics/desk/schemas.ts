import { z } from "zod";
import { rangeQuerySchema } from "@/lib/analytics/range";

export const DESK_TABLES = ["daily", "heatmap", "queues", "agents"] as const;
export const SLA_TABLES = ["queues", "breaches"] as const;

const filters = {
  queueId: z.uuid("queueId must be a queue id (UUID)").optional(),
  agentId: z.uuid("agentId must be a user id (UUID)").optional(),
  format: z.enum(["json", "csv"], "format must be json or csv").default("json"),
};

/** GET /api/analytics/desk: a range, optional queue / agent filters, JSON or one table as CSV. */
export const deskQuerySchema = rangeQuerySchema.extend({ ...filters, table: z.enum(DESK_TABLES, `table must be one of ${DESK_TABLES.join(", ")}`).default("queues") });
export type DeskQuery = z.infer<typeof deskQuerySchema>;

/** GET /api/analytics/desk/sla: the same filters; CSV of the per-queue shares or the breaches. */
export const slaQuerySchema = rangeQuerySchema.extend({ ...filters, table: z.enum(SLA_TABLES, `table must be one of ${SLA_TABLES.join(", ")}`).default("queues") });
export type SlaQuery = z.infer<typeof slaQuerySchema>;

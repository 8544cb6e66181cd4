import { sql, type SQL } from "drizzle-orm";
import type { GraphErrorBody } from "@/lib/whatsapp/graph-errors";
import { type Statement, stmt } from "./sql";

/**
 * Delivery states only move forward: pending < sent < failed < delivered < read. A late
 * `delivered` never overwrites `read`; `failed` is terminal once applied (its errors are
 * kept), and only replaces pending/sent — after `delivered` a failure report is stale.
 */
export const DELIVERY_RANK: Record<string, number> = { pending: 0, sent: 2, failed: 3, delivered: 4, read: 6 };

export function deliveryRank(status: string | null | undefined): number {
  return status == null ? 0 : (DELIVERY_RANK[status] ?? -1);
}

/** The same ranking as the arms of a SQL CASE over a text expression (one text for both forms below). */
const RANK_CASES = "when 'pending' then 0 when 'sent' then 2 when 'failed' then 3 when 'delivered' then 4 when 'read' then 6 else -1";

/** The ranking in SQL, for a text expression: in the runtime's prepared statements (sql.ts)… */
export function deliveryRankStatement(expression: Statement): Statement {
  return stmt`(case ${expression} ${stmt.raw(RANK_CASES)} end)`;
}

/** …and in queries that go through drizzle as usual (the sweeper's). */
export function deliveryRankSql(expression: SQL): SQL {
  return sql`(case ${expression} ${sql.raw(RANK_CASES)} end)`;
}

/** What the transcript keeps about a failed message; `raw` is Meta's own JSON. */
export type DeliveryError = {
  source: "send" | "status";
  code: number | null;
  title: string;
  details: string | null;
  raw: unknown;
};

export function sendError(error: GraphErrorBody, httpStatus: number | null): DeliveryError {
  return {
    source: "send",
    code: typeof error.code === "number" ? error.code : null,
    title: error.message ?? (httpStatus ? `HTTP ${httpStatus}` : "Request failed"),
    details: error.error_data?.details ?? null,
    raw: { error, httpStatus },
  };
}

export function statusError(errors: unknown[] | null): DeliveryError | null {
  if (!errors || errors.length === 0) return null;
  const first = (errors[0] ?? {}) as { code?: unknown; title?: unknown; message?: unknown; error_data?: { details?: unknown } };
  return {
    source: "status",
    code: typeof first.code === "number" ? first.code : null,
    title: typeof first.title === "string" ? first.title : typeof first.message === "string" ? first.message : "Failed",
    details: typeof first.error_data?.details === "string" ? first.error_data.details : null,
    raw: errors,
  };
}

export type StatusUpdate = { waMessageId: string; status: string; errors: unknown[] | null };

/** Per message, the furthest state among a batch of status webhooks (unknown states are ignored). */
export function furthestStatuses(updates: StatusUpdate[]): { wa_message_id: string; status: string; rank: number; error: DeliveryError | null }[] {
  const best = new Map<string, StatusUpdate>();
  for (const u of updates) {
    if (deliveryRank(u.status) <= 0) continue;
    const current = best.get(u.waMessageId);
    if (!current || deliveryRank(u.status) > deliveryRank(current.status)) best.set(u.waMessageId, u);
  }
  return [...best.values()].map((u) => ({
    wa_message_id: u.waMessageId,
    status: u.status,
    rank: deliveryRank(u.status),
    error: u.status === "failed" ? (statusError(u.errors) ?? { source: "status", code: null, title: "Failed", details: null, raw: null }) : null,
  }));
}

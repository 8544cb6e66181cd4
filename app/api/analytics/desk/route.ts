import { csvResponse, toCsv } from "@/lib/analytics/csv";
import { deskTable } from "@/lib/analytics/desk/csv";
import { deskAnalytics } from "@/lib/analytics/desk/figures";
import { deskRequest } from "@/lib/analytics/desk/request";
import { deskQuerySchema } from "@/lib/analytics/desk/schemas";
import { parseAnalyticsQuery } from "@/lib/analytics/parse-query";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { queryOf } from "@/lib/errors/parse";

/** Desk figures over a range: admins everything, agents their own (docs/api.md). */
export async function GET(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin", "agent"], request);
    const query = parseAnalyticsQuery(deskQuerySchema, queryOf(request));
    const db = await getDb();
    const { range, filter } = await deskRequest(db, actor, query);
    const data = await deskAnalytics(db, range, filter);
    if (query.format === "csv") {
      const { header, rows } = deskTable(data, query.table);
      return csvResponse(`desk-${query.table}-${range.fromDay}-${range.toDay}.csv`, toCsv(header, rows));
    }
    return Response.json(data);
  });
}

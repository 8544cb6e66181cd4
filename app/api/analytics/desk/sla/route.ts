import { csvResponse, toCsv } from "@/lib/analytics/csv";
import { slaTable } from "@/lib/analytics/desk/csv";
import { deskRequest } from "@/lib/analytics/desk/request";
import { slaQuerySchema } from "@/lib/analytics/desk/schemas";
import { deskSla } from "@/lib/analytics/desk/sla";
import { parseAnalyticsQuery } from "@/lib/analytics/parse-query";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { queryOf } from "@/lib/errors/parse";

/** First-response SLA per queue, in business hours, with the breaches (docs/api.md). */
export async function GET(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin", "agent"], request);
    const query = parseAnalyticsQuery(slaQuerySchema, queryOf(request));
    const db = await getDb();
    const { range, filter } = await deskRequest(db, actor, query);
    const csv = query.format === "csv";
    const data = await deskSla(db, range, filter, { allBreaches: csv });
    if (csv) {
      const { header, rows } = slaTable(data, query.table);
      return csvResponse(`desk-sla-${query.table}-${range.fromDay}-${range.toDay}.csv`, toCsv(header, rows));
    }
    return Response.json(data);
  });
}

import { requireRole } from "@/lib/auth/guard";
import { satisfactionCsv } from "@/lib/analytics/satisfaction-csv";
import { satisfactionReport } from "@/lib/analytics/satisfaction";
import { parseSatisfactionQuery } from "@/lib/analytics/satisfaction-query";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { queryOf } from "@/lib/errors/parse";

/** Satisfaction figures (docs/api.md): admins everything, agents their own; `format=csv&table=…` for a spreadsheet. */
export async function GET(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin", "agent"], request);
    const query = parseSatisfactionQuery(queryOf(request));
    const csv = query.format === "csv";
    const report = await satisfactionReport(await getDb(), actor, query, new Date(), csv ? null : undefined);
    if (!csv) return Response.json(report);
    return new Response(satisfactionCsv(report, query.table), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="satisfaction-${query.table}-${report.range.from}-${report.range.to}.csv"`,
      },
    });
  });
}

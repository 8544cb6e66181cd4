import { overlayQuerySchema, parseAnalyticsQuery } from "@/lib/analytics/bot/params";
import { overlayAnalytics, overlayCsv } from "@/lib/analytics/bot/service";
import { csvResponse } from "@/lib/analytics/csv-table";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { queryOf } from "@/lib/errors/parse";
import { flowIdOrNotFound } from "@/lib/analytics/bot/flow-id";

/** The canvas overlay: per node and per edge figures of one version over a range (docs/api.md). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole(["admin", "editor"], request);
    const flowId = flowIdOrNotFound((await params).id);
    const query = parseAnalyticsQuery(overlayQuerySchema, queryOf(request));
    const { overlay, document } = await overlayAnalytics(await getDb(), flowId, query);
    if (query.format === "csv") {
      return csvResponse(overlayCsv(overlay, document), `flow-v${overlay.version.number}-nodes-${overlay.range.from}-${overlay.range.to}.csv`);
    }
    return Response.json(overlay);
  });
}

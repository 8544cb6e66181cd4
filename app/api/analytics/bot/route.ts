import { botQuerySchema, parseAnalyticsQuery } from "@/lib/analytics/bot/params";
import { botAnalytics, botCsv } from "@/lib/analytics/bot/service";
import { csvResponse } from "@/lib/analytics/csv-table";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { queryOf } from "@/lib/errors/parse";

/** The bot's figures: per flow, channel and range, per published version side by side (docs/api.md). */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor"], request);
    const query = parseAnalyticsQuery(botQuerySchema, queryOf(request));
    const figures = await botAnalytics(await getDb(), query);
    if (query.format === "csv") {
      const table = query.table ?? "versions";
      return csvResponse(botCsv(figures, table), `bot-${table}-${figures.range.from}-${figures.range.to}.csv`);
    }
    return Response.json(figures);
  });
}

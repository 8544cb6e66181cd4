import { ChartNoAxesColumn } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { BotFilters } from "@/components/analytics/bot/bot-filters";
import { BotReport } from "@/components/analytics/bot/bot-report";
import { botFilterOptions } from "@/lib/analytics/bot/filter-options";
import type { BotFigures } from "@/lib/analytics/bot/figures";
import { requireAnalyticsSection } from "@/lib/analytics/page-guard";
import { botQuerySchema, parseAnalyticsQuery } from "@/lib/analytics/bot/params";
import { botAnalytics } from "@/lib/analytics/bot/service";
import { todayIn } from "@/lib/analytics/range";
import { getDb } from "@/lib/db";
import { workspaceHours } from "@/lib/desk/hours";
import { AppError } from "@/lib/errors/app-error";

type Search = Record<string, string | string[] | undefined>;

export default async function AnalyticsBotPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireAnalyticsSection("bot");
  const t = await getTranslations("analytics.bot");
  const raw = await searchParams;
  const query: Record<string, string> = {};
  for (const key of ["flowId", "channelId", "from", "to"] as const) {
    const v = raw[key];
    if (typeof v === "string" && v) query[key] = v.slice(0, 64);
  }
  const db = await getDb();
  const [options, { timeZone }] = await Promise.all([botFilterOptions(db), workspaceHours(db)]);
  const today = todayIn(timeZone);
  let figures: BotFigures | null = null;
  let problem: string | null = null;
  try {
    figures = await botAnalytics(db, parseAnalyticsQuery(botQuerySchema, query));
  } catch (error) {
    if (!(error instanceof AppError) || (error.code !== "bad_request" && error.code !== "not_found")) throw error;
    problem = error.message;
  }
  const csvHref = (table: "versions" | "days" | "handoffs") => {
    const params = new URLSearchParams({ ...query, ...(figures ? { from: figures.range.from, to: figures.range.to } : {}), format: "csv", table });
    return `/api/analytics/bot?${params}`;
  };

  return (
    <div className="grid gap-6">
      <BotFilters
        options={options}
        values={{ flowId: query.flowId, channelId: query.channelId, from: figures?.range.from ?? query.from ?? today, to: figures?.range.to ?? query.to ?? today }}
        today={today}
      />
      {problem ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/5 p-4 text-sm text-destructive">
          {t("error", { message: problem })}
        </p>
      ) : figures && figures.totals.started === 0 ? (
        <div className="flex max-w-2xl items-start gap-4 rounded-lg border border-dashed p-6" data-testid="bot-empty">
          <ChartNoAxesColumn className="mt-0.5 size-6 shrink-0 text-muted-foreground" />
          <div className="grid gap-1">
            <h2 className="font-medium">{t("empty.title")}</h2>
            <p className="text-sm text-muted-foreground">{t("empty.text")}</p>
          </div>
        </div>
      ) : figures ? (
        <BotReport figures={figures} csvHref={csvHref} />
      ) : null}
    </div>
  );
}

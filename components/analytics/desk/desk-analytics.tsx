"use client";

import { BarChart3 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { apiFetch } from "@/lib/api-client";
import type { DeskAnalytics, DeskSla } from "@/lib/analytics/desk/types";
import { CsvButton } from "./csv-button";
import { FiguresTable } from "./figures-table";
import { Heatmap } from "./heatmap";
import { KpiCards } from "./kpi-cards";
import { type PickedRange, presetRange, RangePicker } from "../range-picker";
import { SlaTables } from "./sla-table";
import { VolumeChart } from "./volume-chart";

type Option = { id: string; name: string };
const ALL = "all";

/** The desk section: range and filters on top, then KPIs, charts, tables and the SLA. */
export function DeskAnalyticsView({ admin, queues, agents, timeZone, today }: { admin: boolean; queues: Option[]; agents: Option[]; timeZone: string; today: string }) {
  const t = useTranslations("analytics.desk");
  const [range, setRange] = useState<PickedRange>(() => presetRange(30, today));
  const [queueId, setQueueId] = useState(ALL);
  const [agentId, setAgentId] = useState(ALL);
  const [data, setData] = useState<{ figures: DeskAnalytics; sla: DeskSla } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (queueId !== ALL) params.set("queueId", queueId);
  if (agentId !== ALL) params.set("agentId", agentId);
  const query = params.toString();

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const [figures, sla] = await Promise.all([apiFetch<DeskAnalytics>(`/api/analytics/desk?${query}`), apiFetch<DeskSla>(`/api/analytics/desk/sla?${query}`)]);
      setData({ figures, sla });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [query]);
  useEffect(() => {
    void load();
  }, [load]);

  const csv = (path: string, table: string) => `${path}?${query}&format=csv&table=${table}`;
  const figures = data?.figures;

  return (
    <div className="grid max-w-7xl grid-cols-1 gap-4" data-testid="desk-analytics">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <p className="max-w-2xl text-sm text-muted-foreground">{t("intro", { timeZone })}</p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <RangePicker value={range} today={today} onChange={setRange} />
        <div className="grid gap-1.5">
          <span className="text-xs font-medium text-muted-foreground" id="desk-queue-label">
            {t("filters.queue")}
          </span>
          <Select value={queueId} onValueChange={setQueueId}>
            <SelectTrigger className="h-8 w-44" aria-labelledby="desk-queue-label" data-testid="desk-queue-filter">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t("filters.allQueues")}</SelectItem>
              {queues.map((q) => (
                <SelectItem key={q.id} value={q.id}>
                  {q.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        {admin ? (
          <div className="grid gap-1.5">
            <span className="text-xs font-medium text-muted-foreground" id="desk-agent-label">
              {t("filters.agent")}
            </span>
            <Select value={agentId} onValueChange={setAgentId}>
              <SelectTrigger className="h-8 w-44" aria-labelledby="desk-agent-label" data-testid="desk-agent-filter">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>{t("filters.allAgents")}</SelectItem>
                {agents.map((a) => (
                  <SelectItem key={a.id} value={a.id}>
                    {a.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        ) : (
          <span className="pb-1.5 text-xs text-muted-foreground">{t("filters.ownOnly")}</span>
        )}
      </div>

      {error && (
        <Alert variant="destructive" data-testid="desk-analytics-error">
          <AlertDescription className="flex items-center justify-between gap-3">
            {t("error", { message: error })}
            <Button size="sm" variant="outline" onClick={() => void load()}>
              {t("retry")}
            </Button>
          </AlertDescription>
        </Alert>
      )}

      {!figures && loading && (
        <div className="grid grid-cols-4 gap-3" role="status" aria-label={t("loading")}>
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
      )}

      {figures && data && (
        <div className={loading ? "grid grid-cols-1 gap-4 opacity-60 transition-opacity" : "grid grid-cols-1 gap-4"} aria-busy={loading}>
          <KpiCards totals={figures.totals} sla={data.sla} />
          {figures.totals.conversations === 0 && (
            <div className="flex items-start gap-3 rounded-lg border border-dashed p-5 text-sm" data-testid="desk-analytics-empty">
              <BarChart3 className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
              <div className="grid gap-1">
                <p className="font-medium">{t("empty.title")}</p>
                <p className="text-muted-foreground">{admin ? t("empty.body") : t("empty.agentBody")}</p>
              </div>
            </div>
          )}
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <Card className="gap-3">
              <CardHeader>
                <CardTitle>{t("charts.daily")}</CardTitle>
                <CardDescription>{t("charts.dailyDescription")}</CardDescription>
                <CardAction>
                  <CsvButton href={csv("/api/analytics/desk", "daily")} table={t("charts.daily")} testId="csv-daily" />
                </CardAction>
              </CardHeader>
              <CardContent>
                <VolumeChart daily={figures.daily} />
              </CardContent>
            </Card>
            <Card className="gap-3">
              <CardHeader>
                <CardTitle>{t("charts.heatmap")}</CardTitle>
                <CardDescription>{t("charts.heatmapDescription")}</CardDescription>
                <CardAction>
                  <CsvButton href={csv("/api/analytics/desk", "heatmap")} table={t("charts.heatmap")} testId="csv-heatmap" />
                </CardAction>
              </CardHeader>
              <CardContent>
                <Heatmap cells={figures.heatmap} />
              </CardContent>
            </Card>
          </div>
          <Card className="gap-3">
            <CardHeader>
              <CardTitle>{t("tables.queues")}</CardTitle>
              <CardDescription>{t("tables.legend")}</CardDescription>
              <CardAction>
                <CsvButton href={csv("/api/analytics/desk", "queues")} table={t("tables.queues")} testId="csv-queues" />
              </CardAction>
            </CardHeader>
            <CardContent>
              <FiguresTable rows={figures.queues} kind="queue" total={figures.totals} testId="desk-queues-table" />
            </CardContent>
          </Card>
          <Card className="gap-3">
            <CardHeader>
              <CardTitle>{t("tables.agents")}</CardTitle>
              <CardDescription>{t("tables.legend")}</CardDescription>
              <CardAction>
                <CsvButton href={csv("/api/analytics/desk", "agents")} table={t("tables.agents")} testId="csv-agents" />
              </CardAction>
            </CardHeader>
            <CardContent>
              <FiguresTable rows={figures.agents.filter((a) => !admin || a.conversations > 0 || a.backlog.inProgress > 0 || agentId !== ALL)} kind="agent" testId="desk-agents-table" />
            </CardContent>
          </Card>
          <Card className="gap-3">
            <CardHeader>
              <CardTitle>{t("sla.title")}</CardTitle>
              <CardDescription>{t("sla.description")}</CardDescription>
              <CardAction className="flex gap-2">
                <CsvButton href={csv("/api/analytics/desk/sla", "queues")} table={t("sla.title")} testId="csv-sla" />
                <CsvButton href={csv("/api/analytics/desk/sla", "breaches")} table={t("sla.breaches")} testId="csv-breaches" label={t("csvBreaches")} />
              </CardAction>
            </CardHeader>
            <CardContent>
              <SlaTables sla={data.sla} timeZone={timeZone} />
            </CardContent>
          </Card>
        </div>
      )}
    </div>
  );
}

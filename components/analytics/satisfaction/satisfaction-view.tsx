"use client";

import { SmilePlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { apiFetch } from "@/lib/api-client";
import { FilterSelect } from "../filter-select";
import { type PickedRange, RangePicker, rangeOf } from "../range-picker";
import type { SatisfactionReport } from "@/lib/analytics/satisfaction";
import { DistributionChart, OverTimeChart } from "./satisfaction-charts";
import { CommentsList, FiguresTable, usePercent, useScore } from "./satisfaction-tables";

type Option = { id: string; name: string };
type Filters = { from: string; to: string; queueId: string; agentId: string };

const ALL = "all";

function queryOf(f: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: f.from, to: f.to, ...extra });
  if (f.queueId !== ALL) params.set("queueId", f.queueId);
  if (f.agentId !== ALL) params.set("agentId", f.agentId);
  return params.toString();
}

/**
 * The Satisfaction section: range and filters, the headline figures, answers and average over
 * time, the score distribution, per agent and per queue, and the comments. Admins filter by
 * queue and agent; an agent sees their own surveys only (the API narrows them anyway).
 */
export function SatisfactionView({
  initial,
  today,
  admin,
  queues,
  agents,
  commentsShown,
}: {
  initial: SatisfactionReport;
  today: string;
  admin: boolean;
  queues: Option[];
  agents: Option[];
  commentsShown: number;
}) {
  const t = useTranslations("analytics.satisfaction");
  const percent = usePercent();
  const score = useScore();
  const [report, setReport] = useState(initial);
  const [range, setRange] = useState<PickedRange>(() => rangeOf(initial.range.from, initial.range.to, today));
  const [shown, setShown] = useState<Filters>({ from: initial.range.from, to: initial.range.to, queueId: ALL, agentId: ALL });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Every change applies at once, like the Desk section: no separate "show" step to forget.
  async function load(next: Filters) {
    setBusy(true);
    try {
      setReport(await apiFetch<SatisfactionReport>(`/api/analytics/satisfaction?${queryOf(next)}`));
      setShown(next);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const csv = (table: string) => `/api/analytics/satisfaction?${queryOf(shown, { format: "csv", table })}`;
  const { totals } = report;

  return (
    <div className="grid max-w-6xl gap-4" data-testid="satisfaction" aria-busy={busy}>
      <div className="flex flex-wrap items-end gap-3">
        <RangePicker
          value={range}
          today={today}
          onChange={(next) => {
            setRange(next);
            void load({ ...shown, from: next.from, to: next.to });
          }}
        />
        {admin && (
          <>
            <FilterSelect
              id="csat-queue"
              label={t("queue")}
              all={t("allQueues")}
              value={shown.queueId === ALL ? undefined : shown.queueId}
              options={queues}
              onChange={(queueId) => void load({ ...shown, queueId: queueId ?? ALL })}
            />
            <FilterSelect
              id="csat-agent"
              label={t("agent")}
              all={t("allAgents")}
              value={shown.agentId === ALL ? undefined : shown.agentId}
              options={agents}
              onChange={(agentId) => void load({ ...shown, agentId: agentId ?? ALL })}
            />
          </>
        )}
        {!admin && <p className="pb-2 text-xs text-muted-foreground">{t("ownOnly")}</p>}
      </div>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {t("loadError", { message: error })}
        </p>
      )}

      {totals.sent === 0 ? (
        <div className="flex max-w-2xl items-start gap-3 rounded-lg border border-dashed p-6" data-testid="csat-empty">
          <SmilePlus className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
          <div className="grid gap-1">
            <p className="font-medium">{t("emptyTitle")}</p>
            <p className="text-sm text-muted-foreground">{admin ? t("emptyAdmin") : t("emptyAgent")}</p>
          </div>
        </div>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="csat-totals">
            <Stat label={t("average")} value={totals.average === null ? "—" : t("averageOf", { value: score(totals.average) })} testId="csat-average" />
            <Stat label={t("satisfied")} value={percent(totals.satisfied)} hint={t("satisfiedHint")} testId="csat-satisfied" />
            <Stat label={t("responseRate")} value={percent(totals.responseRate)} testId="csat-response-rate" />
            <Stat label={t("answered")} value={String(totals.answered)} hint={t("answeredOf", { answered: totals.answered, sent: totals.sent })} testId="csat-answered" />
          </div>
          <div className="grid gap-3 lg:grid-cols-5">
            <Card className="gap-2 py-4 lg:col-span-3">
              <CardHeader className="px-4">
                <CardTitle className="text-sm">{t("overTime")}</CardTitle>
                <CardDescription>{t("overTimeHint")}</CardDescription>
              </CardHeader>
              <CardContent className="px-2">
                <OverTimeChart days={report.days} />
              </CardContent>
            </Card>
            <Card className="gap-2 py-4 lg:col-span-2">
              <CardHeader className="px-4">
                <CardTitle className="text-sm">{t("distribution")}</CardTitle>
                <CardDescription>{t("distributionHint")}</CardDescription>
              </CardHeader>
              <CardContent className="px-2">
                <DistributionChart distribution={totals.distribution} />
              </CardContent>
            </Card>
          </div>
          <div className="grid gap-3 2xl:grid-cols-2">
            <FiguresTable
              title={t("byAgent")}
              testId="csat-agents"
              csvHref={csv("agents")}
              rows={report.agents.map((a) => ({ key: a.agentId ?? "none", name: a.name, figures: a }))}
            />
            <FiguresTable
              title={t("byQueue")}
              testId="csat-queues"
              csvHref={csv("queues")}
              rows={report.queues.map((q) => ({ key: q.queueId ?? "none", name: q.name, figures: q }))}
            />
          </div>
          <CommentsList comments={report.comments} csvHref={csv("comments")} shown={commentsShown} />
        </>
      )}
    </div>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <Card className="gap-1 py-3" data-testid={testId}>
      <CardHeader className="px-4">
        <CardDescription>{label}</CardDescription>
        <CardTitle className="text-2xl tabular-nums">{value}</CardTitle>
      </CardHeader>
      {hint && <CardContent className="px-4 text-xs text-muted-foreground">{hint}</CardContent>}
    </Card>
  );
}

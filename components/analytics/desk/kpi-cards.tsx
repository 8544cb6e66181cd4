"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { DeskFigures, DeskSla } from "@/lib/analytics/desk/types";
import { useDuration } from "./use-duration";

function Kpi({ id, title, value, hint }: { id: string; title: string; value: string; hint: string }) {
  return (
    <Card className="gap-1 py-4" data-testid={`kpi-${id}`}>
      <CardHeader className="px-4">
        <CardDescription>{title}</CardDescription>
        <CardTitle className="text-2xl tabular-nums" data-testid={`kpi-${id}-value`}>
          {value}
        </CardTitle>
      </CardHeader>
      <CardContent className="px-4 text-xs text-muted-foreground">{hint}</CardContent>
    </Card>
  );
}

export function KpiCards({ totals, sla }: { totals: DeskFigures; sla: DeskSla | null }) {
  const t = useTranslations("analytics.desk.kpi");
  const format = useFormatter();
  const duration = useDuration();
  const percent = (n: number) => format.number(n, { style: "percent", maximumFractionDigits: 0 });
  const met = sla?.queues.reduce((n, q) => n + q.met, 0) ?? 0;
  const judged = sla?.queues.reduce((n, q) => n + q.met + q.breached, 0) ?? 0;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
      <Kpi id="conversations" title={t("conversations")} value={format.number(totals.conversations)} hint={t("conversationsHint", { answered: totals.answered })} />
      <Kpi
        id="resolved"
        title={t("resolved")}
        value={format.number(totals.resolved)}
        hint={t("resolvedHint", { share: totals.conversations ? percent(totals.resolved / totals.conversations) : "—" })}
      />
      <Kpi id="transferred" title={t("transferred")} value={format.number(totals.transferred)} hint={t("transferredHint")} />
      <Kpi
        id="backlog"
        title={t("backlog")}
        value={format.number(totals.backlog.waiting + totals.backlog.inProgress)}
        hint={t("backlogHint", { waiting: totals.backlog.waiting, inProgress: totals.backlog.inProgress })}
      />
      <Kpi id="wait" title={t("wait")} value={duration(totals.wait.p50)} hint={t("p90", { value: duration(totals.wait.p90) })} />
      <Kpi id="first-response" title={t("firstResponse")} value={duration(totals.firstResponse.p50)} hint={t("p90", { value: duration(totals.firstResponse.p90) })} />
      <Kpi id="handling" title={t("handling")} value={duration(totals.handling.p50)} hint={t("p90", { value: duration(totals.handling.p90) })} />
      <Kpi id="sla" title={t("sla")} value={judged ? percent(met / judged) : "—"} hint={sla?.queues.length ? t("slaHint", { met, total: judged }) : t("slaNone")} />
    </div>
  );
}

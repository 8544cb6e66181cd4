"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import type { DeskMetrics } from "@/lib/desk/metrics";
import { cn } from "@/lib/utils";
import { secondsLabel } from "./format";
import { PRESENCE_DOT } from "./desk-header";

/** Supervisor figures per queue and per agent, refreshed while the panel is open. */
export function MetricsPanel() {
  const t = useTranslations("desk");
  const [metrics, setMetrics] = useState<DeskMetrics | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const load = () =>
      apiFetch<{ metrics: DeskMetrics }>("/api/desk/metrics")
        .then((r) => alive && setMetrics(r.metrics))
        .catch((e: Error) => alive && setError(e.message));
    void load();
    const id = setInterval(load, 15_000);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, []);

  if (error) return <p className="px-4 text-sm text-destructive">{error}</p>;
  if (!metrics) return <Loader2 className="mx-4 animate-spin text-muted-foreground" />;
  const num = "text-right tabular-nums";
  return (
    <div className="grid gap-6 overflow-auto px-4 pb-6" data-testid="metrics-panel">
      <section>
        <h3 className="mb-2 text-sm font-semibold">{t("metrics.queues")}</h3>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("metrics.queue")}</TableHead>
              <TableHead className={num}>{t("metrics.waiting")}</TableHead>
              <TableHead className={num}>{t("metrics.longestWait")}</TableHead>
              <TableHead className={num}>{t("metrics.inProgress")}</TableHead>
              <TableHead className={num}>{t("metrics.firstResponse")}</TableHead>
              <TableHead className={num}>{t("metrics.handling")}</TableHead>
              <TableHead className={num}>{t("metrics.resolvedToday")}</TableHead>
              <TableHead className={num}>{t("metrics.resolvedWeek")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {metrics.queues.map((q) => (
              <TableRow key={q.id}>
                <TableCell className="font-medium">{q.name}</TableCell>
                <TableCell className={cn(num, q.waiting > 0 && "font-semibold text-warning-foreground")}>{q.waiting}</TableCell>
                <TableCell className={num}>{secondsLabel(q.longestWaitSeconds)}</TableCell>
                <TableCell className={num}>{q.inProgress}</TableCell>
                <TableCell className={num}>{secondsLabel(q.firstResponseSeconds)}</TableCell>
                <TableCell className={num}>{secondsLabel(q.handlingSeconds)}</TableCell>
                <TableCell className={num}>{q.resolvedToday}</TableCell>
                <TableCell className={num}>{q.resolvedWeek}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <section>
        <h3 className="mb-2 text-sm font-semibold">{t("metrics.agents")}</h3>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("metrics.agent")}</TableHead>
              <TableHead className={num}>{t("metrics.load")}</TableHead>
              <TableHead className={num}>{t("metrics.firstResponse")}</TableHead>
              <TableHead className={num}>{t("metrics.handling")}</TableHead>
              <TableHead className={num}>{t("metrics.resolvedToday")}</TableHead>
              <TableHead className={num}>{t("metrics.resolvedWeek")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {metrics.agents.map((a) => (
              <TableRow key={a.id}>
                <TableCell className="font-medium">
                  <span className="flex items-center gap-2">
                    <span className={cn("size-2 rounded-full", PRESENCE_DOT[a.presence as keyof typeof PRESENCE_DOT] ?? PRESENCE_DOT.offline)} title={t(`presence.${a.presence}`)} />
                    {a.name}
                  </span>
                </TableCell>
                <TableCell className={num}>
                  {a.inProgress} / {a.capacity}
                </TableCell>
                <TableCell className={num}>{secondsLabel(a.firstResponseSeconds)}</TableCell>
                <TableCell className={num}>{secondsLabel(a.handlingSeconds)}</TableCell>
                <TableCell className={num}>{a.resolvedToday}</TableCell>
                <TableCell className={num}>{a.resolvedWeek}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      <p className="text-xs text-muted-foreground">{t("metrics.footnote")}</p>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeskFigures, Percentiles } from "@/lib/analytics/desk/types";
import { useDuration } from "./use-duration";

type Row = DeskFigures & { id: string; name: string };

/** One row per queue or agent; the durations as median / 90th percentile. */
export function FiguresTable({ rows, kind, total, testId }: { rows: Row[]; kind: "queue" | "agent"; total?: DeskFigures; testId: string }) {
  const t = useTranslations("analytics.desk.tables");
  const duration = useDuration();
  // Median on top, 90th percentile below: the table fits 1280 pixels without scrolling sideways.
  const pair = (p: Percentiles) =>
    p.p50 === null ? (
      duration(null)
    ) : (
      <>
        <div>{duration(p.p50)}</div>
        <div className="text-xs text-muted-foreground">{t("p90", { value: duration(p.p90) })}</div>
      </>
    );
  const cells = (f: DeskFigures) => (
    <>
      <TableCell className="text-right tabular-nums">{f.conversations}</TableCell>
      <TableCell className="text-right tabular-nums">{f.answered}</TableCell>
      <TableCell className="text-right tabular-nums">{f.resolved}</TableCell>
      <TableCell className="text-right tabular-nums">{f.transferred}</TableCell>
      <TableCell className="tabular-nums">{pair(f.wait)}</TableCell>
      <TableCell className="tabular-nums">{pair(f.firstResponse)}</TableCell>
      <TableCell className="tabular-nums">{pair(f.handling)}</TableCell>
      <TableCell className="text-right tabular-nums">
        {f.backlog.waiting} / {f.backlog.inProgress}
      </TableCell>
    </>
  );
  return (
    <Table data-testid={testId}>
      <TableHeader>
        <TableRow>
          <TableHead>{kind === "queue" ? t("queue") : t("agent")}</TableHead>
          <TableHead className="text-right">{t("conversations")}</TableHead>
          <TableHead className="text-right">{t("answered")}</TableHead>
          <TableHead className="text-right">{t("resolved")}</TableHead>
          <TableHead className="text-right">{t("transferred")}</TableHead>
          <TableHead>{t("wait")}</TableHead>
          <TableHead>{t("firstResponse")}</TableHead>
          <TableHead>{t("handling")}</TableHead>
          <TableHead className="text-right">{t("backlog")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} data-testid={`${testId}-row`}>
            <TableCell className="font-medium">{r.name}</TableCell>
            {cells(r)}
          </TableRow>
        ))}
        {rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={9} className="text-center text-muted-foreground">
              {t("noAgents")}
            </TableCell>
          </TableRow>
        )}
        {total && rows.length > 1 && (
          <TableRow className="bg-muted/40 font-medium">
            <TableCell>{t("total")}</TableCell>
            {cells(total)}
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

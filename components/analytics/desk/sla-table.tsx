"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeskSla } from "@/lib/analytics/desk/types";
import { useDuration } from "./use-duration";

/** Per-queue shares, then the breaches (longest business wait first), each linking to its transcript. */
export function SlaTables({ sla, timeZone }: { sla: DeskSla; timeZone: string }) {
  const t = useTranslations("analytics.desk.sla");
  const format = useFormatter();
  const duration = useDuration();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short", timeZone });
  if (sla.queues.length === 0) return <p className="text-sm text-muted-foreground" data-testid="desk-sla-empty">{t("noTargets")}</p>;
  return (
    <div className="grid gap-4">
      <Table data-testid="desk-sla-queues">
        <TableHeader>
          <TableRow>
            <TableHead>{t("queue")}</TableHead>
            <TableHead className="text-right">{t("target")}</TableHead>
            <TableHead className="text-right">{t("met")}</TableHead>
            <TableHead className="text-right">{t("breached")}</TableHead>
            <TableHead className="text-right">{t("pending")}</TableHead>
            <TableHead className="text-right">{t("share")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sla.queues.map((q) => (
            <TableRow key={q.id}>
              <TableCell className="font-medium">{q.name}</TableCell>
              <TableCell className="text-right tabular-nums">{duration(q.targetMinutes * 60)}</TableCell>
              <TableCell className="text-right tabular-nums">{q.met}</TableCell>
              <TableCell className="text-right tabular-nums">{q.breached}</TableCell>
              <TableCell className="text-right tabular-nums">{q.pending}</TableCell>
              <TableCell className="text-right tabular-nums">{q.shareMet === null ? "—" : format.number(q.shareMet, { style: "percent", maximumFractionDigits: 1 })}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="grid gap-2">
        <h3 className="text-sm font-medium">{t("breaches")}</h3>
        {sla.breaches.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noBreaches")}</p>
        ) : (
          <Table data-testid="desk-sla-breaches">
            <TableHeader>
              <TableRow>
                <TableHead>{t("protocol")}</TableHead>
                <TableHead>{t("queue")}</TableHead>
                <TableHead>{t("enteredAt")}</TableHead>
                <TableHead>{t("answeredAt")}</TableHead>
                <TableHead className="text-right">{t("waited")}</TableHead>
                <TableHead className="text-right">{t("target")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sla.breaches.map((b) => (
                <TableRow key={b.conversationId}>
                  <TableCell className="font-mono text-xs">
                    <Link href={`/protocols/${b.protocol}`} className="underline-offset-2 hover:underline">
                      {b.protocol}
                    </Link>
                  </TableCell>
                  <TableCell>{b.queueName}</TableCell>
                  <TableCell className="whitespace-nowrap">{when(b.enteredAt)}</TableCell>
                  <TableCell className="whitespace-nowrap">{b.firstResponseAt ? when(b.firstResponseAt) : <span className="text-muted-foreground">{t("notAnswered")}</span>}</TableCell>
                  <TableCell className="text-right font-medium text-destructive tabular-nums">{duration(b.waitedBusinessSeconds)}</TableCell>
                  <TableCell className="text-right tabular-nums">{duration(b.targetSeconds)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {sla.breachesTruncated && <p className="text-xs text-muted-foreground">{t("truncated", { count: sla.breaches.length })}</p>}
      </div>
    </div>
  );
}

"use client";

import { CheckCircle2, Loader2, RotateCcw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useCrudList, useRowAction } from "@/components/settings/crud";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import type { DeadLetter } from "@/lib/runtime/dead-letters";

/** A dead letter as the page receives it: dates as ISO strings. */
export type DeadLetterRow = Omit<DeadLetter, "receivedAt" | "failedAt"> & { receivedAt: string; failedAt: string };

export function DeadLettersManager({ initialRows }: { initialRows: DeadLetterRow[] }) {
  const t = useTranslations("settings.deadLetterList");
  const format = useFormatter();
  const { rows, setRows } = useCrudList(initialRows);
  const { busyId: pending, run } = useRowAction<number>();

  async function retry(row: DeadLetterRow) {
    await run(
      row.id,
      async () => {
        await apiFetch(`/api/runtime/dead-letters/${row.id}/retry`, { method: "POST" });
        setRows((all) => all.filter((r) => r.id !== row.id));
      },
      t("retried"),
    );
  }

  return (
    <section className="grid max-w-6xl gap-4">
      <p className="max-w-3xl text-sm text-muted-foreground">{t("description")}</p>
      {rows.length === 0 ? (
        <div className="flex items-center gap-2 rounded-md border border-dashed p-6 text-sm text-muted-foreground">
          <CheckCircle2 className="size-4 text-emerald-600" aria-hidden />
          {t("empty")}
        </div>
      ) : (
        <>
          <p className="text-sm font-medium">{t("count", { count: rows.length })}</p>
          <Table className="table-fixed">
            <TableHeader>
              <TableRow>
                <TableHead className="w-40">{t("received")}</TableHead>
                <TableHead className="w-44">{t("contact")}</TableHead>
                <TableHead className="w-64">{t("message")}</TableHead>
                <TableHead className="w-20 text-right">{t("attempts")}</TableHead>
                <TableHead>{t("error")}</TableHead>
                <TableHead className="w-36">
                  <span className="sr-only">{t("retry")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell className="whitespace-nowrap align-top text-sm">
                    {format.dateTime(new Date(row.receivedAt), { dateStyle: "short", timeStyle: "medium" })}
                    <div className="text-xs text-muted-foreground">
                      {t("channel")}: {row.channelName}
                    </div>
                  </TableCell>
                  <TableCell className="align-top whitespace-normal break-words">
                    <div className="font-medium">{row.contactName ?? row.contactWaId}</div>
                    {row.contactName && <div className="font-mono text-xs text-muted-foreground">{row.contactWaId}</div>}
                  </TableCell>
                  <TableCell className="align-top whitespace-normal">
                    <Badge variant="secondary" className="mb-1 font-mono">
                      {row.type}
                    </Badge>
                    <div className="line-clamp-3 text-sm break-words" title={row.preview}>
                      {row.preview}
                    </div>
                  </TableCell>
                  <TableCell className="text-right align-top tabular-nums">{row.attempts}</TableCell>
                  <TableCell className="align-top whitespace-normal">
                    <code className="line-clamp-4 text-xs break-words text-destructive" title={row.lastError ?? undefined}>
                      {row.lastError}
                    </code>
                  </TableCell>
                  <TableCell className="text-right align-top">
                    <Button size="sm" variant="outline" onClick={() => retry(row)} disabled={pending !== null}>
                      {pending === row.id ? <Loader2 className="animate-spin" /> : <RotateCcw />}
                      {t("retry")}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}

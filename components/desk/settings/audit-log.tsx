"use client";

import { Loader2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import type { AuditRow } from "@/lib/desk/admin/audit";

const FILTERS = ["all", "conversation.", "transcript.export", "queue.", "user.", "canned.", "template.", "workspace."] as const;
const PAGE = 100;

export function AuditLog({ initialRows }: { initialRows: AuditRow[] }) {
  const t = useTranslations("desk.settings.audit");
  const format = useFormatter();
  const [rows, setRows] = useState(initialRows);
  const [filter, setFilter] = useState<string>("all");
  const [loading, setLoading] = useState(false);
  const [more, setMore] = useState(initialRows.length === PAGE);

  async function load(nextFilter: string, before?: number) {
    setLoading(true);
    try {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (nextFilter !== "all") params.set("action", nextFilter);
      if (before) params.set("before", String(before));
      const r = await apiFetch<{ entries: AuditRow[] }>(`/api/desk/audit?${params}`);
      setRows((current) => (before ? [...current, ...r.entries] : r.entries));
      setMore(r.entries.length === PAGE);
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  }

  const label = (action: string) => (t.has(`actions.${action.replace(".", "_")}`) ? t(`actions.${action.replace(".", "_")}`) : action);
  return (
    <section className="grid max-w-6xl min-w-0 gap-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-muted-foreground">{t("description")}</p>
        <Select
          value={filter}
          onValueChange={(v) => {
            setFilter(v);
            void load(v);
          }}
        >
          <SelectTrigger className="w-56 shrink-0" aria-label={t("filter")}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {FILTERS.map((f) => (
              <SelectItem key={f} value={f}>
                {t(`filters.${f.replace(/\.$/, "").replace(".", "_")}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("when")}</TableHead>
              <TableHead>{t("who")}</TableHead>
              <TableHead>{t("action")}</TableHead>
              <TableHead>{t("subject")}</TableHead>
              <TableHead>{t("details")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={5} className="py-8 text-center text-muted-foreground">
                  {t("empty")}
                </TableCell>
              </TableRow>
            )}
            {rows.map((r) => {
              const details = (r.details ?? {}) as Record<string, unknown>;
              return (
                <TableRow key={r.id} data-testid="audit-row">
                  <TableCell className="whitespace-nowrap tabular-nums">{format.dateTime(new Date(r.at), { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                  <TableCell>{r.actor?.name ?? t("system")}</TableCell>
                  <TableCell>{label(r.action)}</TableCell>
                  <TableCell className="font-mono text-xs">{typeof details.protocol === "string" ? details.protocol : `${r.entityType}${r.entityId ? ` ${r.entityId.slice(0, 8)}` : ""}`}</TableCell>
                  <TableCell className="max-w-72 truncate font-mono text-xs text-muted-foreground" title={JSON.stringify(details)}>
                    {Object.entries(details)
                      .filter(([k]) => k !== "protocol")
                      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
                      .join("  ")}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {more && (
        <div>
          <Button variant="outline" disabled={loading} onClick={() => load(filter, rows[rows.length - 1]?.id)}>
            {loading && <Loader2 className="animate-spin" />}
            {t("loadMore")}
          </Button>
        </div>
      )}
    </section>
  );
}

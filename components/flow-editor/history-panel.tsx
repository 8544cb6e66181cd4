"use client";

import { ArchiveRestore, Eye, GitCompare, History, Loader2, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { apiFetch } from "@/lib/api-client";
import type { VersionSummary } from "@/lib/flows/types";
import { DATE_TIME } from "@/lib/i18n/formats";

type Version = Omit<VersionSummary, "createdAt"> & { createdAt: string };
type Pending = { kind: "rollback" | "restore"; version: Version } | null;

export function HistoryPanel({
  flowId,
  refreshKey,
  onRestored,
  onActiveChanged,
}: {
  flowId: string;
  refreshKey: number;
  /** The draft was replaced by a version on the server. */
  onRestored: (version: number) => Promise<void>;
  onActiveChanged: () => void;
}) {
  const t = useTranslations("editor");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [from, setFrom] = useState<string>("");
  const [to, setTo] = useState<string>("draft");

  const load = useCallback(async () => {
    try {
      const { versions } = await apiFetch<{ versions: Version[] }>(`/api/flows/${flowId}/versions`);
      setVersions(versions);
      setError(null);
      if (versions.length > 0) setFrom((f) => f || String(versions.find((v) => v.active)?.number ?? versions[0]!.number));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [flowId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the parent's signal to reload
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  async function run() {
    if (!confirm) return;
    setBusy(true);
    const { kind, version } = confirm;
    try {
      if (kind === "rollback") {
        await apiFetch(`/api/flows/${flowId}/rollback`, { method: "POST", json: { version: version.number } });
        toast.success(t("history.rolledBack", { version: version.number }));
        onActiveChanged();
      } else {
        await onRestored(version.number);
        toast.success(t("history.restored", { version: version.number }));
      }
      setConfirm(null);
      await load();
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (error) return <p className="p-4 text-sm text-destructive">{error}</p>;
  if (!versions) {
    return (
      <p className="flex items-center gap-2 p-4 text-sm text-muted-foreground">
        <Loader2 className="size-4 animate-spin" />
        {t("history.loading")}
      </p>
    );
  }
  if (versions.length === 0) {
    return (
      <div className="grid gap-2 p-4 text-sm text-muted-foreground" data-testid="history-empty">
        <History className="size-6" aria-hidden />
        <p>{t("history.empty")}</p>
      </div>
    );
  }

  const refs = [{ value: "draft", label: t("history.draft") }, ...versions.map((v) => ({ value: String(v.number), label: t("history.versionN", { n: v.number }) }))];

  return (
    <div className="grid gap-4 p-3" data-testid="history-panel">
      <form className="grid gap-2 rounded-md border p-2" onSubmit={(e) => e.preventDefault()} aria-label={t("history.compare")}>
        <p className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">{t("history.compare")}</p>
        <div className="grid grid-cols-2 gap-2">
          {([
            ["from", from, setFrom],
            ["to", to, setTo],
          ] as const).map(([key, value, set]) => (
            <div key={key} className="grid gap-1">
              <Label className="text-xs" htmlFor={`diff-${key}`}>
                {t(`history.${key}`)}
              </Label>
              <Select value={value} onValueChange={set}>
                <SelectTrigger id={`diff-${key}`} className="h-8 w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {refs.map((r) => (
                    <SelectItem key={r.value} value={r.value}>
                      {r.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          ))}
        </div>
        <Button asChild size="sm" variant="outline" className="justify-self-start" disabled={!from || from === to}>
          <Link href={`/flows/${flowId}/diff?from=${from}&to=${to}`} data-testid="open-diff">
            <GitCompare />
            {t("history.showDiff")}
          </Link>
        </Button>
      </form>
      <ol className="grid gap-2">
        {versions.map((v) => (
          <li key={v.id} className="grid gap-1.5 rounded-md border p-2.5" data-testid="version-row" data-version={v.number} data-active={v.active || undefined}>
            <div className="flex items-center gap-2">
              <span className="font-semibold">{t("history.versionN", { n: v.number })}</span>
              {v.active && <Badge variant="success">{t("history.active")}</Badge>}
              <span className="ml-auto text-xs text-muted-foreground" title={format.dateTime(new Date(v.createdAt), DATE_TIME)}>
                {format.relativeTime(new Date(v.createdAt), now)}
              </span>
            </div>
            <p className="text-xs text-muted-foreground">
              {t("history.by", { name: v.author?.name ?? t("history.unknownAuthor") })} · {format.dateTime(new Date(v.createdAt), DATE_TIME)} ·{" "}
              {t("history.nodes", { count: v.nodeCount })}
            </p>
            {v.note && <p className="whitespace-pre-wrap text-sm">{v.note}</p>}
            <div className="flex flex-wrap gap-1">
              <Button asChild size="sm" variant="ghost" className="h-7 px-2">
                <Link href={`/flows/${flowId}/versions/${v.number}`}>
                  <Eye />
                  {t("history.open")}
                </Link>
              </Button>
              {v.number > 1 && (
                <Button asChild size="sm" variant="ghost" className="h-7 px-2">
                  <Link href={`/flows/${flowId}/diff?from=${v.number - 1}&to=${v.number}`}>
                    <GitCompare />
                    {t("history.changes")}
                  </Link>
                </Button>
              )}
              {!v.active && (
                <Button size="sm" variant="ghost" className="h-7 px-2" onClick={() => setConfirm({ kind: "rollback", version: v })} data-testid="rollback">
                  <RotateCcw />
                  {t("history.rollback")}
                </Button>
              )}
              <Button size="sm" variant="ghost" className="h-7 px-2" onClick={() => setConfirm({ kind: "restore", version: v })} data-testid="restore">
                <ArchiveRestore />
                {t("history.restore")}
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <AlertDialog open={confirm !== null} onOpenChange={(open) => !open && !busy && setConfirm(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{confirm && t(confirm.kind === "rollback" ? "history.rollbackTitle" : "history.restoreTitle", { version: confirm.version.number })}</AlertDialogTitle>
            <AlertDialogDescription>{confirm && t(confirm.kind === "rollback" ? "history.rollbackBody" : "history.restoreBody", { version: confirm.version.number })}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={busy}>{t("cancel")}</AlertDialogCancel>
            <AlertDialogAction
              disabled={busy}
              onClick={(e) => {
                e.preventDefault();
                void run();
              }}
              data-testid="confirm-history-action"
            >
              {busy && <Loader2 className="animate-spin" />}
              {confirm && t(confirm.kind === "rollback" ? "history.rollback" : "history.restore")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

"use client";

import { ArchiveRestore, ArrowLeft, GitCompare, Loader2, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
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
import { apiFetch } from "@/lib/api-client";
import type { FlowDocument } from "@/lib/flow/schema";
import type { QueueOption } from "./env";
import { ReadOnlyFlow } from "./readonly-flow";
import { fromDocument } from "./types";
import { DATE_TIME } from "@/lib/i18n/formats";

export type ViewedVersion = {
  number: number;
  note: string | null;
  author: string | null;
  createdAt: string;
  active: boolean;
  document: FlowDocument;
};

/** One published version, read-only on the canvas, with rollback and "restore into the draft". */
export function VersionViewer({ flowId, flowName, version, queues }: { flowId: string; flowName: string; version: ViewedVersion; queues: QueueOption[] }) {
  const t = useTranslations("editor");
  const format = useFormatter();
  const router = useRouter();
  const [confirm, setConfirm] = useState<"rollback" | "restore" | null>(null);
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState(version.active);

  async function run() {
    setBusy(true);
    try {
      if (confirm === "rollback") {
        await apiFetch(`/api/flows/${flowId}/rollback`, { method: "POST", json: { version: version.number } });
        setActive(true);
        toast.success(t("history.rolledBack", { version: version.number }));
        setConfirm(null);
      } else {
        await apiFetch(`/api/flows/${flowId}/restore`, { method: "POST", json: { version: version.number } });
        toast.success(t("history.restored", { version: version.number }));
        router.push(`/flows/${flowId}`);
      }
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="version-viewer">
      <header className="flex min-h-12 shrink-0 flex-wrap items-center gap-2 border-b px-3 py-1.5">
        <Button asChild variant="ghost" size="icon" className="size-8" aria-label={t("toolbar.backToEditor")}>
          <Link href={`/flows/${flowId}`}>
            <ArrowLeft />
          </Link>
        </Button>
        <div className="min-w-0">
          <h1 className="flex items-center gap-2 text-sm font-semibold">
            <span className="truncate">{flowName}</span> · {t("history.versionN", { n: version.number })}
            {active && <Badge variant="success">{t("history.active")}</Badge>}
            <Badge variant="outline">{t("readOnly")}</Badge>
          </h1>
          <p className="truncate text-xs text-muted-foreground">
            {t("history.by", { name: version.author ?? t("history.unknownAuthor") })} · {format.dateTime(new Date(version.createdAt), DATE_TIME)}
            {version.note && ` · ${version.note}`}
          </p>
        </div>
        <div className="ml-auto flex items-center gap-1">
          <Button asChild variant="outline" size="sm">
            <Link href={`/flows/${flowId}/diff?from=${version.number}&to=draft`}>
              <GitCompare />
              {t("history.compareWithDraft")}
            </Link>
          </Button>
          {!active && (
            <Button variant="outline" size="sm" onClick={() => setConfirm("rollback")}>
              <RotateCcw />
              {t("history.rollback")}
            </Button>
          )}
          <Button size="sm" onClick={() => setConfirm("restore")}>
            <ArchiveRestore />
            {t("history.restore")}
          </Button>
        </div>
      </header>
      <ReadOnlyFlow content={fromDocument(version.document)} flowId={flowId} queues={queues} />
      <AlertDialog open={confirm !== null} onOpenChange={(open) => !open && !busy && setConfirm(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{t(confirm === "rollback" ? "history.rollbackTitle" : "history.restoreTitle", { version: version.number })}</AlertDialogTitle>
            <AlertDialogDescription>{t(confirm === "rollback" ? "history.rollbackBody" : "history.restoreBody", { version: version.number })}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={busy}>{t("cancel")}</AlertDialogCancel>
            <AlertDialogAction
              disabled={busy}
              onClick={(e) => {
                e.preventDefault();
                void run();
              }}
            >
              {busy && <Loader2 className="animate-spin" />}
              {t(confirm === "rollback" ? "history.rollback" : "history.restore")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

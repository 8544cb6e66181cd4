"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { Conflict } from "./use-draft-sync";

/** Someone else (or another tab of yours) saved the draft: the user decides, nothing is overwritten behind their back. */
export function ConflictDialog({
  conflict,
  me,
  onReload,
  onOverwrite,
}: {
  conflict: Conflict | null;
  /** The signed-in user: a save of their own from another tab is not "someone else". */
  me: string | null;
  onReload: () => Promise<void>;
  onOverwrite: () => Promise<void>;
}) {
  const t = useTranslations("editor");
  const [pending, setPending] = useState<"reload" | "overwrite" | null>(null);
  const mine = me !== null && conflict?.updatedBy?.id === me;
  const run = async (kind: "reload" | "overwrite") => {
    setPending(kind);
    try {
      await (kind === "reload" ? onReload() : onOverwrite());
      toast.success(t(kind === "reload" ? "conflict.reloaded" : "conflict.overwritten"));
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setPending(null);
    }
  };
  return (
    <AlertDialog open={conflict !== null}>
      <AlertDialogContent data-testid="conflict-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle>{t(mine ? "conflict.titleMine" : "conflict.title")}</AlertDialogTitle>
          <AlertDialogDescription data-testid="conflict-description">
            {mine
              ? t("conflict.descriptionMine")
              : conflict?.updatedBy?.name
                ? t("conflict.descriptionBy", { name: conflict.updatedBy.name })
                : t("conflict.description")}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <Button variant="outline" onClick={() => run("reload")} disabled={pending !== null}>
            {pending === "reload" && <Loader2 className="animate-spin" />}
            {t("conflict.reload")}
          </Button>
          <Button variant="destructive" onClick={() => run("overwrite")} disabled={pending !== null}>
            {pending === "overwrite" && <Loader2 className="animate-spin" />}
            {t("conflict.overwrite")}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

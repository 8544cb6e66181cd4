"use client";

import { CircleCheck, CircleX, Eye, Headset, TimerOff } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { memo } from "react";
import { cn } from "@/lib/utils";
import { useEditor } from "./store";

/**
 * The analytics overlay's figures on a card (only in the overlay's read-only view): visits and
 * share of the flow's conversations, invalid answers, handoffs, abandonments, endings here.
 * Selects its own node's figures, so a card re-renders only when they change.
 */
export const NodeFiguresStrip = memo(function NodeFiguresStrip({ id }: { id: string }) {
  const overlay = useEditor((s) => s.figures !== null);
  const f = useEditor((s) => s.figures?.get(id));
  const t = useTranslations("editor.analytics");
  const format = useFormatter();
  if (!overlay) return null;
  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: v < 0.1 ? 1 : 0 });
  if (!f) {
    return (
      <div className="border-b bg-muted/60 px-2.5 py-1 text-[11px] text-muted-foreground" data-testid={`node-figures-${id}`} data-visits={0}>
        {t("notReached")}
      </div>
    );
  }
  const chip = "inline-flex items-center gap-0.5 rounded px-1 py-px tabular-nums";
  return (
    <div
      className="flex flex-wrap items-center gap-1 border-b bg-sky-50 px-2 py-1 text-[11px] text-sky-950 dark:bg-sky-950 dark:text-sky-50"
      data-testid={`node-figures-${id}`}
      data-visits={f.visits}
    >
      <span className={cn(chip, "font-semibold")} title={t("visitsHint")}>
        <Eye className="size-3" aria-hidden />
        <span>{t("visits", { n: f.visits })}</span>
      </span>
      <span className={chip} title={t("shareHint")}>
        {pct(f.share)}
      </span>
      {f.invalidRate !== null && f.invalid > 0 ? (
        <span className={cn(chip, "bg-amber-100 text-amber-900")} title={t("invalidHint", { invalid: f.invalid, answers: f.answers })}>
          <CircleX className="size-3" aria-hidden />
          {pct(f.invalidRate)}
        </span>
      ) : null}
      {f.handoffs > 0 ? (
        <span className={cn(chip, "bg-blue-100 text-blue-900")} title={t("handoffsHint")}>
          <Headset className="size-3" aria-hidden />
          {format.number(f.handoffs)}
        </span>
      ) : null}
      {f.abandoned > 0 ? (
        <span className={cn(chip, "bg-rose-100 text-rose-900")} title={t("abandonedHint")}>
          <TimerOff className="size-3" aria-hidden />
          {format.number(f.abandoned)}
        </span>
      ) : null}
      {f.contained > 0 ? (
        <span className={cn(chip, "bg-emerald-100 text-emerald-900")} title={t("containedHint")}>
          <CircleCheck className="size-3" aria-hidden />
          {format.number(f.contained)}
        </span>
      ) : null}
    </div>
  );
});

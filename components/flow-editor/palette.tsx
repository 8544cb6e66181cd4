"use client";

import { useTranslations } from "next-intl";
import type { NodeType } from "@/lib/flow/schema";
import { cn } from "@/lib/utils";
import { PALETTE_MIME } from "./canvas";
import { NODE_META, PALETTE_TYPES } from "./node-meta";

/** Node types to drag onto the canvas, or to click (Enter) to add in the middle of the view. */
export function Palette({ onAdd, disabled }: { onAdd: (type: NodeType) => void; disabled?: boolean }) {
  const t = useTranslations("editor");
  return (
    <nav className="flex w-40 shrink-0 flex-col gap-1 overflow-y-auto border-r bg-muted/30 p-2" aria-label={t("palette.title")} data-testid="palette">
      <p className="px-1 pb-1 text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">{t("palette.title")}</p>
      {PALETTE_TYPES.map((type) => {
        const { icon: Icon, accent } = NODE_META[type];
        return (
          <button
            key={type}
            type="button"
            draggable={!disabled}
            disabled={disabled}
            onDragStart={(event) => {
              event.dataTransfer.setData(PALETTE_MIME, type);
              event.dataTransfer.effectAllowed = "copy";
            }}
            onClick={() => onAdd(type)}
            title={t(`typeHelp.${type}`)}
            className="flex cursor-grab items-center gap-2 rounded-md border bg-card px-2 py-1.5 text-left text-xs font-medium shadow-xs outline-none transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50"
            data-testid={`palette-${type}`}
          >
            <span className={cn("grid size-5 shrink-0 place-items-center rounded", accent)}>
              <Icon className="size-3" aria-hidden />
            </span>
            <span className="min-w-0 leading-tight">{t(`types.${type}`)}</span>
          </button>
        );
      })}
      <p className="mt-auto px-1 pt-2 text-[11px] leading-snug text-muted-foreground">{t("palette.hint")}</p>
    </nav>
  );
}

"use client";

import { Handle, Position, useNodeId, useUpdateNodeInternals } from "@xyflow/react";
import { CircleAlert, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, useEffect, useRef } from "react";
import type { NodeType } from "@/lib/flow/schema";
import { cn } from "@/lib/utils";
import { NodeFiguresStrip } from "../node-figures";
import { NODE_META } from "../node-meta";
import { handleKey, useEditor } from "../store";

const PLACEHOLDER = /(\{\{\s*[^{}]*?\s*\}\})/g;

/** Message text as WhatsApp shows it, with `{{variables}}` highlighted. */
export const TemplateText = memo(function TemplateText({ text, className }: { text: string | undefined; className?: string }) {
  const t = useTranslations("editor");
  if (!text?.trim()) return <span className={cn("italic text-muted-foreground", className)}>{t("node.noText")}</span>;
  const parts = text.split(PLACEHOLDER);
  return (
    <span className={cn("whitespace-pre-wrap break-words", className)}>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="rounded bg-amber-100 px-0.5 font-mono text-[0.92em] text-amber-900" data-variable>
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </span>
  );
});

/** What a node looks like on top of its content: lint problems, the preview's position, diff colour. */
function useDecoration(id: string): { marker?: "error" | "warning"; active: boolean; diff?: "added" | "removed" | "changed" } {
  const key = useEditor((s) => `${s.markers.get(id) ?? ""}|${s.activeNodeId === id ? "a" : ""}|${s.diffMarks?.get(id) ?? ""}`);
  const [marker, active, diff] = key.split("|");
  return {
    marker: (marker || undefined) as "error" | "warning" | undefined,
    active: active === "a",
    diff: (diff || undefined) as "added" | "removed" | "changed" | undefined,
  };
}

const DIFF_CLASSES = {
  added: "ring-4 ring-emerald-500/70 border-emerald-600",
  removed: "ring-4 ring-rose-500/70 border-rose-600 opacity-70 border-dashed",
  changed: "ring-4 ring-amber-400/80 border-amber-500",
} as const;

export function NodeShell({
  id,
  type,
  label,
  selected,
  hasTarget = true,
  children,
  outputs,
}: {
  id: string;
  type: NodeType;
  label?: string;
  selected?: boolean;
  hasTarget?: boolean;
  children?: React.ReactNode;
  outputs?: React.ReactNode;
}) {
  const t = useTranslations("editor");
  const { marker, active, diff } = useDecoration(id);
  const meta = NODE_META[type];
  const Icon = meta.icon;
  return (
    <div
      className={cn(
        "w-[260px] rounded-lg border bg-card text-xs text-card-foreground shadow-sm transition-shadow",
        selected && "ring-2 ring-primary",
        marker === "error" && "border-destructive ring-2 ring-destructive/60",
        marker === "warning" && !selected && "border-warning",
        active && "ring-4 ring-emerald-400 shadow-lg shadow-emerald-200",
        diff && DIFF_CLASSES[diff],
      )}
      data-testid={`node-${id}`}
      data-node-type={type}
      data-marker={marker}
      data-active={active || undefined}
      data-diff={diff}
    >
      {hasTarget && <Handle type="target" position={Position.Top} className="!size-3 !border-2 !border-background !bg-muted-foreground" />}
      <header className={cn("flex items-center gap-1.5 rounded-t-[7px] px-2.5 py-1.5 font-medium", meta.accent)}>
        <Icon className="size-3.5 shrink-0" aria-hidden />
        <span className="truncate">{label?.trim() || t(`types.${type}`)}</span>
        {marker === "error" && <CircleAlert className="ml-auto size-3.5 shrink-0" aria-label={t("lint.hasErrors")} />}
        {marker === "warning" && <TriangleAlert className="ml-auto size-3.5 shrink-0" aria-label={t("lint.hasWarnings")} />}
        {diff && (
          <span className="ml-auto rounded bg-background/90 px-1 text-[10px] font-semibold uppercase text-foreground">{t(`diff.${diff}`)}</span>
        )}
      </header>
      <NodeFiguresStrip id={id} />
      {children && <div className="grid gap-1.5 p-2">{children}</div>}
      {outputs && <div className="grid gap-px border-t bg-border pb-px">{outputs}</div>}
    </div>
  );
}

/** A chat bubble as WhatsApp renders a business message. */
export function Bubble({ header, text, footer, children }: { header?: string; text?: string; footer?: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-md bg-[#e7f5e4] px-2 py-1.5 text-[12px] leading-snug text-zinc-900 shadow-[0_1px_0_rgba(0,0,0,0.08)] dark:bg-emerald-950 dark:text-emerald-50">
      {header?.trim() && <p className="mb-0.5 font-semibold">{header}</p>}
      <p className="line-clamp-6">
        <TemplateText text={text} />
      </p>
      {children}
      {footer?.trim() && <p className="mt-1 text-[11px] text-zinc-600">{footer}</p>}
    </div>
  );
}

const HANDLE_CLASS = "!size-3 !border-2 !border-background";

/** One labelled output: the row is the label, the dot on its right edge is the handle. */
export function OutputRow({
  handleId,
  children,
  tone = "option",
}: {
  handleId: string;
  children: React.ReactNode;
  tone?: "option" | "muted" | "danger" | "success";
}) {
  const t = useTranslations("editor");
  // The lint's problem with this very option (e.g. it leads nowhere): marked on its row.
  const nodeId = useNodeId();
  const marker = useEditor((s) => (nodeId ? s.handleMarkers.get(handleKey(nodeId, handleId)) : undefined));
  return (
    <div
      className={cn(
        "relative flex min-h-7 items-center bg-card px-2.5 py-1 pr-4 text-[12px]",
        tone === "option" && "justify-center font-medium text-[#00695a] dark:text-emerald-300",
        tone === "muted" && "justify-end text-[11px] text-muted-foreground",
        tone === "danger" && "justify-end text-[11px] text-rose-700 dark:text-rose-300",
        tone === "success" && "justify-end text-[11px] text-emerald-700 dark:text-emerald-300",
        marker === "error" && "bg-destructive/10 outline outline-2 -outline-offset-2 outline-destructive/70",
        marker === "warning" && "bg-warning/15 outline outline-1 -outline-offset-1 outline-warning",
      )}
      data-handle-row={handleId}
      data-row-marker={marker}
    >
      {marker === "error" && <CircleAlert className="mr-1 size-3 shrink-0 text-destructive" aria-label={t("lint.optionHasErrors")} />}
      {marker === "warning" && <TriangleAlert className="mr-1 size-3 shrink-0 text-amber-700" aria-label={t("lint.optionHasWarnings")} />}
      <span className="min-w-0 truncate">{children}</span>
      <Handle
        type="source"
        position={Position.Right}
        id={handleId}
        className={cn(HANDLE_CLASS, tone === "danger" ? "!bg-rose-500" : tone === "muted" ? "!bg-zinc-400" : "!bg-[#00a884]")}
        data-testid={`handle-${handleId}`}
      />
    </div>
  );
}

/** The single bottom output of one-output nodes. */
export function DefaultOutput() {
  return (
    <Handle type="source" position={Position.Bottom} id="default" className={cn(HANDLE_CLASS, "!bg-primary")} data-testid="handle-default" />
  );
}

/** Handles moved (options reordered, added, removed): React Flow must measure them again. */
export function useHandlesChanged(id: string, handles: string[]) {
  const update = useUpdateNodeInternals();
  const key = handles.join("\u0000");
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the change this effect reacts to
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    update(id);
  }, [id, key, update]);
}

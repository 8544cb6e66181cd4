"use client";

import { ArrowLeft, ArrowRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { type FieldChange, diffFlows } from "@/lib/flow/diff";
import type { FlowDocument, FlowNode } from "@/lib/flow/schema";
import { cn } from "@/lib/utils";
import type { QueueOption } from "./env";
import { ReadOnlyFlow } from "./readonly-flow";
import type { DiffMark } from "./store";
import type { EditorContent, EditorEdge, EditorNode } from "./types";

export type DiffSide = { label: string; document: FlowDocument };

const EDGE_STYLE = {
  added: { stroke: "#059669", strokeWidth: 3 },
  removed: { stroke: "#e11d48", strokeWidth: 2.5, strokeDasharray: "6 4" },
  changed: { stroke: "#d97706", strokeWidth: 3 },
} as const;

function show(value: unknown): string {
  if (value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function nodeTitle(node: FlowNode, typeLabel: string): string {
  const data = node.data as { label?: string; text?: string };
  return data.label?.trim() || `${typeLabel}${data.text ? `: ${data.text.slice(0, 40)}` : ""}`;
}

/**
 * Two versions on one canvas: the newer document plus what was removed, coloured
 * (added green, removed red and dashed, changed amber), and the field changes listed.
 */
export function DiffViewer({ flowId, flowName, from, to, queues }: { flowId: string; flowName: string; from: DiffSide; to: DiffSide; queues: QueueOption[] }) {
  const t = useTranslations("editor");
  const diff = useMemo(() => diffFlows(from.document, to.document), [from.document, to.document]);

  const { content, marks } = useMemo(() => {
    const marks = new Map<string, DiffMark>();
    for (const n of diff.nodes.added) marks.set(n.id, "added");
    for (const n of diff.nodes.removed) marks.set(n.id, "removed");
    for (const c of diff.nodes.changed) marks.set(c.id, "changed");
    const edgeMarks = new Map<string, DiffMark>();
    for (const e of diff.edges.added) edgeMarks.set(e.id, "added");
    for (const e of diff.edges.removed) edgeMarks.set(e.id, "removed");
    for (const c of diff.edges.changed) edgeMarks.set(c.id, "changed");
    const style = (e: EditorEdge): EditorEdge => {
      const mark = edgeMarks.get(e.id);
      return mark ? { ...e, style: EDGE_STYLE[mark], className: `diff-${mark}`, zIndex: 1 } : { ...e, style: { opacity: 0.55 } };
    };
    const content: EditorContent = {
      settings: to.document.settings,
      nodes: [...(to.document.nodes as EditorNode[]), ...(diff.nodes.removed as EditorNode[])],
      edges: [...(to.document.edges as EditorEdge[]), ...(diff.edges.removed as EditorEdge[])].map(style),
    };
    return { content, marks };
  }, [diff, to.document]);

  const typeLabel = (type: string) => t(`types.${type}`);
  const total = diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length + diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length + diff.settings.length;

  const changeList = (focus: (id: string) => void) => (
    <div className="grid gap-3 p-3" data-testid="diff-changes">
      <p className="text-xs text-muted-foreground">{total === 0 ? t("diff.none") : t("diff.summary", { added: diff.nodes.added.length, removed: diff.nodes.removed.length, changed: diff.nodes.changed.length })}</p>
      <ul className="grid gap-2">
        {(["added", "removed"] as const).flatMap((kind) =>
          diff.nodes[kind].map((n) => (
            <li key={`${kind}${n.id}`}>
              <button type="button" onClick={() => focus(n.id)} className="flex w-full items-center gap-2 rounded-md border px-2 py-1.5 text-left text-sm hover:bg-accent" data-testid={`diff-${kind}`}>
                <span className={cn("size-2.5 shrink-0 rounded-full", kind === "added" ? "bg-emerald-500" : "bg-rose-500")} aria-hidden />
                <span className="min-w-0 flex-1 truncate">{nodeTitle(n, typeLabel(n.type))}</span>
                <span className="text-xs text-muted-foreground">{t(`diff.${kind}`)}</span>
              </button>
            </li>
          )),
        )}
        {diff.nodes.changed.map((c) => (
          <li key={`changed${c.id}`} className="grid min-w-0 gap-1 rounded-md border p-2" data-testid="diff-changed">
            <button type="button" onClick={() => focus(c.id)} className="flex min-w-0 items-center gap-2 text-left text-sm hover:underline">
              <span className="size-2.5 shrink-0 rounded-full bg-amber-500" aria-hidden />
              <span className="min-w-0 flex-1 truncate font-medium">{nodeTitle(c.after, typeLabel(c.after.type))}</span>
              <span className="text-xs text-muted-foreground">{t("diff.changed")}</span>
            </button>
            <FieldChanges fields={c.fields} />
          </li>
        ))}
        {diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length > 0 && (
          <li className="rounded-md border p-2 text-xs text-muted-foreground">
            {t("diff.connections", { added: diff.edges.added.length, removed: diff.edges.removed.length, changed: diff.edges.changed.length })}
          </li>
        )}
        {diff.settings.length > 0 && (
          <li className="grid gap-1 rounded-md border p-2">
            <p className="text-sm font-medium">{t("panels.settings")}</p>
            <FieldChanges fields={diff.settings} />
          </li>
        )}
      </ul>
    </div>
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="diff-viewer">
      <header className="flex min-h-12 shrink-0 flex-wrap items-center gap-2 border-b px-3 py-1.5">
        <Button asChild variant="ghost" size="icon" className="size-8" aria-label={t("toolbar.backToEditor")}>
          <Link href={`/flows/${flowId}`}>
            <ArrowLeft />
          </Link>
        </Button>
        <h1 className="flex min-w-0 items-center gap-2 text-sm font-semibold">
          <span className="truncate">{flowName}</span> · {from.label} <ArrowRight className="size-3.5" aria-label={t("diff.to")} /> {to.label}
        </h1>
        <div className="ml-auto flex items-center gap-3 text-xs">
          {(["added", "removed", "changed"] as const).map((k) => (
            <span key={k} className="flex items-center gap-1">
              <span className={cn("size-2.5 rounded-full", k === "added" ? "bg-emerald-500" : k === "removed" ? "bg-rose-500" : "bg-amber-500")} aria-hidden />
              {t(`diff.${k}`)}
            </span>
          ))}
        </div>
      </header>
      <ReadOnlyFlow content={content} diffMarks={marks} flowId={flowId} queues={queues} side={({ focus }) => changeList(focus)} />
    </div>
  );
}

function FieldChanges({ fields }: { fields: FieldChange[] }) {
  return (
    <ul className="grid gap-1 text-xs">
      {fields.map((f) => (
        <li key={f.path} className="grid min-w-0 gap-0.5" data-testid="diff-field">
          <code className="text-[11px] text-muted-foreground">{f.path.replace(/^data\./, "")}</code>
          <span className="min-w-0 [overflow-wrap:anywhere]">
            <del className="rounded bg-rose-100 px-1 text-rose-900 dark:bg-rose-950 dark:text-rose-200">{show(f.before)}</del>{" "}
            <ins className="rounded bg-emerald-100 px-1 text-emerald-900 no-underline dark:bg-emerald-950 dark:text-emerald-200">{show(f.after)}</ins>
          </span>
        </li>
      ))}
    </ul>
  );
}

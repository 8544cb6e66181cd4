"use client";

import { useReactFlow } from "@xyflow/react";
import { CircleAlert, CircleCheck, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import type { LintIssue } from "@/lib/flow/validate";
import { cn } from "@/lib/utils";
import { stepTitle } from "./step-name";
import { useEditor, useEditorStoreApi } from "./store";

/** The publish lint, live: a click takes you to the node and the field. */
export function LintPanel({ onOpenSettings, onOpenInspector }: { onOpenSettings: () => void; onOpenInspector: () => void }) {
  const t = useTranslations("editor");
  const tTypes = useTranslations("editor.types");
  const lint = useEditor((s) => s.lint);
  const store = useEditorStoreApi();
  // The step an issue is about, by name (the lint runs after each change, so the names are current).
  const stepOf = (issue: LintIssue): string | null => {
    const { nodes, edges } = store.getState();
    const nodeId = issue.nodeId ?? (issue.edgeId ? edges.find((e) => e.id === issue.edgeId)?.source : undefined);
    const node = nodeId ? nodes.find((n) => n.id === nodeId) : undefined;
    return node ? stepTitle(node, (type) => tTypes(type)) : null;
  };
  const { fitView, getNode } = useReactFlow();

  const go = (issue: LintIssue) => {
    const nodeId = issue.nodeId ?? (issue.edgeId ? store.getState().edges.find((e) => e.id === issue.edgeId)?.source : undefined);
    if (!nodeId) {
      if (issue.field?.startsWith("settings")) onOpenSettings();
      return;
    }
    if (!getNode(nodeId)) return;
    store.actions.select([nodeId]);
    void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2, padding: 0.4 });
    onOpenInspector();
    store.actions.focusField(nodeId, issue.field);
  };

  if (!lint) return null;
  const total = lint.errors.length + lint.warnings.length;
  if (total === 0) {
    return (
      <div className="flex items-center gap-2 p-4 text-sm text-emerald-700 dark:text-emerald-400" data-testid="lint-clean">
        <CircleCheck className="size-4" />
        {t("lint.clean")}
      </div>
    );
  }
  const item = (issue: LintIssue, i: number) => {
    const error = issue.severity === "error";
    const Icon = error ? CircleAlert : TriangleAlert;
    const step = stepOf(issue);
    return (
      <li key={`${issue.severity}${i}`}>
        <button
          type="button"
          onClick={() => go(issue)}
          className={cn(
            "flex w-full items-start gap-2 rounded-md px-2 py-1.5 text-left text-sm outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring",
          )}
          data-testid="lint-issue"
          data-severity={issue.severity}
          data-code={issue.code}
          data-node-id={issue.nodeId}
        >
          <Icon className={cn("mt-0.5 size-4 shrink-0", error ? "text-destructive" : "text-amber-600")} aria-label={t(error ? "lint.error" : "lint.warning")} />
          <span className="min-w-0">
            <span className="block">{issue.message}</span>
            {step && (
              <span className="block truncate text-[11px] text-muted-foreground" data-testid="lint-step">
                {step}
              </span>
            )}
          </span>
        </button>
      </li>
    );
  };
  return (
    <div className="grid gap-3 p-3" data-testid="lint-panel">
      <p className="px-1 text-xs text-muted-foreground">{t("lint.summary", { errors: lint.errors.length, warnings: lint.warnings.length })}</p>
      {lint.errors.length > 0 && <ul className="grid gap-0.5">{lint.errors.map(item)}</ul>}
      {lint.warnings.length > 0 && (
        <>
          <h3 className="px-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">{t("lint.warnings")}</h3>
          <ul className="grid gap-0.5">{lint.warnings.map(item)}</ul>
        </>
      )}
    </div>
  );
}

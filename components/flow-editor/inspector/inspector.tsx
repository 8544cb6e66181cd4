"use client";

import { CopyPlus, MousePointerClick, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { NodeOfType, NodeType } from "@/lib/flow/schema";
import { BUILTIN_VARIABLES } from "@/lib/flow/template";
import { useEditorEnv } from "../env";
import { NODE_META, flowVariables } from "../node-meta";
import { type EditorState, useEditor, useEditorStoreApi } from "../store";
import { type FieldMessages, InspectorContext } from "./fields";
import { Connections } from "./connections";
import { NodeForm } from "./node-forms";
import { inspectorProblems } from "./strict";

const NONE = "";

/** "" nothing, "id" one node, "*N" several (a string, so drags don't re-render the panel). */
function selectionKey(s: EditorState): string {
  let found: string | null = null;
  let count = 0;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    count++;
    found = n.id;
  }
  if (count === 0) return NONE;
  return count === 1 ? found! : `*${count}`;
}

export function Inspector({ onDuplicate }: { onDuplicate: () => void }) {
  const t = useTranslations("editor");
  const store = useEditorStoreApi();
  const key = useEditor(selectionKey);

  if (key === NONE) {
    return (
      <div className="grid gap-3 p-4 text-sm text-muted-foreground" data-testid="inspector-empty">
        <MousePointerClick className="size-6" aria-hidden />
        <p>{t("inspector.empty")}</p>
        <ul className="grid gap-1 text-xs">
          {(["shortcutDelete", "shortcutUndo", "shortcutRedo", "shortcutCopy", "shortcutDuplicate", "shortcutSelect", "shortcutSearch"] as const).map((k) => (
            <li key={k}>{t(`inspector.${k}`)}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (key.startsWith("*")) {
    const count = Number(key.slice(1));
    return (
      <div className="grid gap-3 p-4" data-testid="inspector-multi">
        <p className="text-sm font-medium">{t("inspector.multi", { count })}</p>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" size="sm" onClick={onDuplicate}>
            <CopyPlus />
            {t("menu.duplicate")}
          </Button>
          <Button
            variant="outline"
            size="sm"
            className="text-destructive"
            onClick={() => store.actions.removeNodes(store.getState().nodes.filter((n) => n.selected).map((n) => n.id))}
          >
            <Trash2 />
            {t("menu.delete")}
          </Button>
        </div>
      </div>
    );
  }
  return <SingleNodeInspector nodeId={key} onDuplicate={onDuplicate} />;
}

function SingleNodeInspector({ nodeId, onDuplicate }: { nodeId: string; onDuplicate: () => void }) {
  const t = useTranslations("editor");
  const store = useEditorStoreApi();
  const type = useEditor((s) => s.nodes.find((n) => n.id === nodeId)?.type);
  const data = useEditor((s) => s.nodes.find((n) => n.id === nodeId)?.data);
  const lint = useEditor((s) => s.lint);
  const focus = useEditor((s) => s.focus);
  const container = useRef<HTMLDivElement>(null);

  const node = useMemo(() => (type && data ? ({ id: nodeId, type, data, position: { x: 0, y: 0 } } as NodeOfType<NodeType>) : null), [nodeId, type, data]);

  const problems = useMemo(() => (node ? inspectorProblems(node.type, node.data) : new Map()), [node]);
  const lintByField = useMemo(() => {
    const map = new Map<string, { errors: string[]; warnings: string[] }>();
    if (!lint) return map;
    const add = (field: string, kind: "errors" | "warnings", message: string) => {
      let entry = map.get(field);
      if (!entry) map.set(field, (entry = { errors: [], warnings: [] }));
      if (!entry[kind].includes(message)) entry[kind].push(message);
    };
    for (const e of lint.errors) if (e.nodeId === nodeId && e.field && !e.edgeId) add(e.field, "errors", e.message);
    for (const w of lint.warnings) if (w.nodeId === nodeId && w.field && !w.edgeId) add(w.field, "warnings", w.message);
    return map;
  }, [lint, nodeId]);

  const messages: FieldMessages = useCallback(
    (field) => {
      const fromLint = lintByField.get(field) ?? { errors: [], warnings: [] };
      const problem = problems.get(field);
      // The lint says it in the marketer's words; the zod check covers what the lint can't see as you type.
      if (!problem || fromLint.errors.length > 0) return fromLint;
      const message =
        problem.code === "too_big" && problem.max !== undefined
          ? t("problems.tooLong", { max: problem.max })
          : problem.code === "required"
            ? t("problems.required")
            : problem.code === "too_small"
              ? t("problems.tooFew", { min: problem.min ?? 1 })
              : t("problems.invalid");
      return { errors: [message], warnings: fromLint.warnings };
    },
    [lintByField, problems, t],
  );

  // The workspace's contact fields are offered as {{contact.<key>}} beside the built-ins.
  const { contactFields } = useEditorEnv();
  const builtins = useMemo(() => [...BUILTIN_VARIABLES, ...contactFields.map((f) => `contact.${f.key}`)], [contactFields]);
  const variables = useCallback(() => flowVariables(store.getState().nodes, builtins), [store, builtins]);

  // A click in the lint panel lands here: focus the field it is about.
  useEffect(() => {
    if (!focus || focus.nodeId !== nodeId) return;
    const root = container.current;
    if (!root) return;
    const frame = requestAnimationFrame(() => {
      const fields = Array.from(root.querySelectorAll<HTMLElement>("[data-field]"));
      const target =
        (focus.field && fields.find((el) => el.dataset.field === focus.field)) ||
        (focus.field && fields.find((el) => el.dataset.field!.startsWith(`${focus.field}.`))) ||
        (focus.field && fields.find((el) => focus.field!.startsWith(`${el.dataset.field}.`))) ||
        fields[0];
      target?.scrollIntoView({ block: "center" });
      target?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [focus, nodeId]);

  if (!node) return null;
  const meta = NODE_META[node.type];
  const Icon = meta.icon;
  const nodeErrors = lint?.errors.filter((e) => e.nodeId === nodeId && !e.field) ?? [];
  const nodeWarnings = lint?.warnings.filter((w) => w.nodeId === nodeId && !w.field) ?? [];

  return (
    <InspectorContext.Provider value={{ messages, variables }}>
      <div ref={container} className="grid gap-4 p-4" data-testid="inspector" data-node-id={nodeId}>
        <div className="flex items-center gap-2">
          <span className={`grid size-7 place-items-center rounded-md ${meta.accent}`}>
            <Icon className="size-4" aria-hidden />
          </span>
          <div className="min-w-0 flex-1">
            <h2 className="truncate text-sm font-semibold">{t(`types.${node.type}`)}</h2>
            {(node.data as { label?: string }).label?.trim() && (
              <p className="truncate text-[11px] text-muted-foreground">{(node.data as { label?: string }).label}</p>
            )}
          </div>
          {node.type !== "start" && (
            <>
              <Button variant="ghost" size="icon" className="size-8" onClick={onDuplicate} aria-label={t("menu.duplicate")}>
                <CopyPlus className="size-4" />
              </Button>
              <Button variant="ghost" size="icon" className="size-8 text-destructive" onClick={() => store.actions.removeNodes([nodeId])} aria-label={t("menu.delete")}>
                <Trash2 className="size-4" />
              </Button>
            </>
          )}
        </div>
        <p className="text-xs text-muted-foreground">{t(`typeHelp.${node.type}`)}</p>
        {(nodeErrors.length > 0 || nodeWarnings.length > 0) && (
          <ul className="grid gap-1 rounded-md border border-dashed p-2 text-xs">
            {nodeErrors.map((e, i) => (
              <li key={`e${i}`} className="text-destructive">
                {e.message}
              </li>
            ))}
            {nodeWarnings.map((w, i) => (
              <li key={`w${i}`} className="text-amber-700 dark:text-amber-400">
                {w.message}
              </li>
            ))}
          </ul>
        )}
        <NodeForm node={node} />
        <Connections node={node} />
      </div>
    </InspectorContext.Provider>
  );
}

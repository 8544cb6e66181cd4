"use client";

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import {
  ArrowLeft,
  CircleAlert,
  Cloud,
  CloudAlert,
  CloudUpload,
  Loader2,
  Network,
  Redo2,
  Rocket,
  Undo2,
} from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { apiFetch } from "@/lib/api-client";
import type { FlowDocument, NodeType } from "@/lib/flow/schema";
import type { LintLocale } from "@/lib/flow/lint-messages";
import { cn } from "@/lib/utils";
import { FlowCanvas } from "./canvas";
import { copySelection, duplicateSelection, hasClip, materializeClip } from "./clipboard";
import { ConflictDialog } from "./conflict-dialog";
import { EditorEnvContext, type QueueOption } from "./env";
import { HistoryPanel } from "./history-panel";
import { Inspector } from "./inspector/inspector";
import { autoLayout } from "./layout";
import { LintPanel } from "./lint-panel";
import { newNode } from "./node-meta";
import { NodeSearch } from "./node-search";
import { Palette } from "./palette";
import { PreviewPanel, parseVariables } from "./preview-panel";
import { PublishDialog } from "./publish-dialog";
import { RenameFlow } from "./rename-flow";
import { SettingsPanel } from "./settings-panel";
import { type EditorStore, EditorStoreContext, createEditorStore, useEditor, useEditorStoreApi } from "./store";
import { fromDocument, type EditorNode } from "./types";
import { useDraftSync } from "./use-draft-sync";
import { useEditorKeys } from "./use-editor-keys";
import { useLiveLint } from "./use-live-lint";
import { prepareContent } from "./view";

export type EditorFlow = {
  id: string;
  name: string;
  draft: FlowDocument;
  draftRevision: number;
  activeVersion: { number: number } | null;
};

type Tab = "inspector" | "preview" | "lint" | "settings" | "history";

export function FlowEditor({ flow, queues }: { flow: EditorFlow; queues: QueueOption[] }) {
  const [store] = useState(() => createEditorStore(prepareContent(fromDocument(flow.draft)), { revision: flow.draftRevision }));
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <EditorWorkspace flow={flow} queues={queues} store={store} />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

function EditorWorkspace({ flow, queues, store }: { flow: EditorFlow; queues: QueueOption[]; store: EditorStore }) {
  const t = useTranslations("editor");
  const locale = useLocale() as LintLocale;
  const { screenToFlowPosition, fitView } = useReactFlow();
  const [tab, setTab] = useState<Tab>("inspector");
  const [name, setName] = useState(flow.name);
  const [activeVersion, setActiveVersion] = useState(flow.activeVersion?.number ?? null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const [contactName, setContactName] = useState("Ana");
  const [variablesText, setVariablesText] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);

  const queueSlugs = useMemo(() => queues.map((q) => q.slug), [queues]);
  useLiveLint(store, locale, queueSlugs);
  const { conflict, flush, reloadTheirs, overwrite, adopt } = useDraftSync(store, flow.id);

  const env = useMemo(
    () => ({ flowId: flow.id, queues, testContact: { name: contactName, phone: "" }, testVariables: parseVariables(variablesText) }),
    [flow.id, queues, contactName, variablesText],
  );

  const defaults = useMemo(
    () => ({ option: (n: number) => t("defaults.option", { n }), listButton: t("defaults.listButton"), section: t("defaults.section") }),
    [t],
  );

  const addNode = useCallback(
    (type: NodeType, position?: { x: number; y: number }) => {
      let at = position;
      if (!at) {
        // Click to add: near the middle of what you are looking at, on a free spot.
        const rect = canvasRef.current?.getBoundingClientRect();
        const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 3 } : { x: 400, y: 200 };
        at = freeSpot(store.getState().nodes, screenToFlowPosition(centre));
      }
      const node = newNode(type, at, defaults) as EditorNode;
      store.actions.addNode(node);
      setTab((current) => (current === "preview" ? current : "inspector"));
    },
    [defaults, screenToFlowPosition, store],
  );

  const handlers = useMemo(
    () => ({
      undo: () => store.actions.undo(),
      redo: () => store.actions.redo(),
      copy: () => {
        const n = copySelection(store.getState().nodes, store.getState().edges);
        if (n > 0) toast.success(t("clipboard.copied", { count: n }));
      },
      paste: () => {
        if (!hasClip()) return;
        const clip = materializeClip();
        if (clip) store.actions.addNodes(clip.nodes, clip.edges);
      },
      duplicate: () => {
        const copy = duplicateSelection(store.getState().nodes, store.getState().edges);
        if (copy) store.actions.addNodes(copy.nodes, copy.edges);
      },
      search: () => searchRef.current?.focus(),
    }),
    [store, t],
  );
  useEditorKeys(handlers, true);

  const layout = useCallback(async () => {
    const { nodes, edges } = store.getState();
    store.actions.setPositions(await autoLayout(nodes, edges));
    requestAnimationFrame(() => void fitView({ duration: 300, padding: 0.15 }));
  }, [fitView, store]);

  const refreshSummary = useCallback(async () => {
    try {
      const { flow: fresh } = await apiFetch<{ flow: { activeVersion: { number: number } | null } }>(`/api/flows/${flow.id}`);
      setActiveVersion(fresh.activeVersion?.number ?? null);
    } catch {
      // The badge is informative; the history panel shows the truth.
    }
  }, [flow.id]);

  const restore = useCallback(
    async (version: number) => {
      await flush();
      const { revision } = await apiFetch<{ revision: number }>(`/api/flows/${flow.id}/restore`, {
        method: "POST",
        json: { version, revision: store.getState().revision },
      });
      const { flow: fresh } = await apiFetch<{ flow: { draft: FlowDocument; draftRevision: number } }>(`/api/flows/${flow.id}`);
      adopt(fresh.draft, Math.max(revision, fresh.draftRevision));
    },
    [adopt, flow.id, flush, store],
  );

  const errorCount = useEditor((s) => s.lint?.errors.length ?? 0);
  const warningCount = useEditor((s) => s.lint?.warnings.length ?? 0);

  return (
    <EditorEnvContext.Provider value={env}>
      <div className="flex h-full min-h-0 flex-col" data-testid="flow-editor">
        <header className="flex h-12 shrink-0 items-center gap-2 border-b px-3">
          <Button asChild variant="ghost" size="icon" className="size-8" aria-label={t("toolbar.back")}>
            <Link href="/flows">
              <ArrowLeft />
            </Link>
          </Button>
          <RenameFlow flowId={flow.id} name={name} onRenamed={setName} />
          {activeVersion !== null ? (
            <Badge variant="success" data-testid="active-version">
              {t("toolbar.activeVersion", { n: activeVersion })}
            </Badge>
          ) : (
            <Badge variant="secondary" data-testid="active-version">
              {t("toolbar.unpublished")}
            </Badge>
          )}
          <SaveState />
          <div className="ml-auto flex items-center gap-1">
            <UndoRedo />
            <Tooltip>
              <TooltipTrigger asChild>
                <Button variant="ghost" size="icon" className="size-8" onClick={layout} aria-label={t("toolbar.autoLayout")} data-testid="auto-layout">
                  <Network />
                </Button>
              </TooltipTrigger>
              <TooltipContent>{t("toolbar.autoLayout")}</TooltipContent>
            </Tooltip>
            <NodeSearch ref={searchRef} />
            <Button size="sm" onClick={() => setPublishOpen(true)} data-testid="publish">
              <Rocket />
              {t("toolbar.publish")}
            </Button>
          </div>
        </header>
        <div className="flex min-h-0 flex-1">
          <Palette onAdd={(type) => addNode(type)} />
          <div ref={canvasRef} className="relative min-w-0 flex-1">
            <FlowCanvas className="absolute inset-0" onAddNode={addNode} onCopy={handlers.copy} onDuplicate={handlers.duplicate} />
          </div>
          <aside className="flex w-[340px] shrink-0 flex-col border-l" aria-label={t("panels.label")}>
            <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)} className="flex min-h-0 flex-1 flex-col gap-0">
              <TabsList className="m-2 grid h-8 w-auto grid-cols-5">
                <TabsTrigger value="inspector" className="px-1 text-xs">
                  {t("panels.inspector")}
                </TabsTrigger>
                <TabsTrigger value="preview" className="px-1 text-xs" data-testid="tab-preview">
                  {t("panels.preview")}
                </TabsTrigger>
                <TabsTrigger value="lint" className="gap-1 px-1 text-xs" data-testid="tab-lint">
                  {t("panels.lint")}
                  {errorCount + warningCount > 0 && (
                    <span className={cn("rounded-full px-1 text-[10px] leading-4 text-white", errorCount > 0 ? "bg-destructive" : "bg-amber-500")} data-testid="lint-count">
                      {errorCount || warningCount}
                    </span>
                  )}
                </TabsTrigger>
                <TabsTrigger value="settings" className="px-1 text-xs" data-testid="tab-settings">
                  {t("panels.settings")}
                </TabsTrigger>
                <TabsTrigger value="history" className="px-1 text-xs" data-testid="tab-history">
                  {t("panels.history")}
                </TabsTrigger>
              </TabsList>
              <TabsContent value="inspector" className="min-h-0 flex-1 overflow-y-auto">
                <Inspector onDuplicate={handlers.duplicate} />
              </TabsContent>
              {/* Kept mounted: switching tabs must not lose the test conversation. */}
              <TabsContent value="preview" forceMount className="min-h-0 flex-1 data-[state=inactive]:hidden">
                <PreviewPanel
                  flowName={name}
                  contactName={contactName}
                  onContactNameChange={setContactName}
                  variablesText={variablesText}
                  onVariablesTextChange={setVariablesText}
                />
              </TabsContent>
              <TabsContent value="lint" className="min-h-0 flex-1 overflow-y-auto">
                <LintPanel onOpenSettings={() => setTab("settings")} onOpenInspector={() => setTab("inspector")} />
              </TabsContent>
              <TabsContent value="settings" className="min-h-0 flex-1 overflow-y-auto">
                <SettingsPanel />
              </TabsContent>
              <TabsContent value="history" className="min-h-0 flex-1 overflow-y-auto">
                <HistoryPanel flowId={flow.id} refreshKey={historyKey} onRestored={restore} onActiveChanged={refreshSummary} />
              </TabsContent>
            </Tabs>
          </aside>
        </div>
      </div>
      <PublishDialog
        open={publishOpen}
        onOpenChange={setPublishOpen}
        flowId={flow.id}
        flush={flush}
        onPublished={(n) => {
          setActiveVersion(n);
          setHistoryKey((k) => k + 1);
        }}
        onShowLint={() => setTab("lint")}
      />
      <ConflictDialog conflict={conflict} onReload={reloadTheirs} onOverwrite={overwrite} />
    </EditorEnvContext.Provider>
  );
}

const CARD = { width: 260, height: 120 };

/** The first place at or below `wanted` (then to the right) where a new card overlaps no other. */
function freeSpot(nodes: EditorNode[], wanted: { x: number; y: number }): { x: number; y: number } {
  const overlaps = (x: number, y: number) =>
    nodes.some((n) => {
      const w = n.measured?.width ?? CARD.width;
      const h = n.measured?.height ?? CARD.height;
      return x < n.position.x + w + 16 && x + CARD.width + 16 > n.position.x && y < n.position.y + h + 16 && y + CARD.height + 16 > n.position.y;
    });
  const x0 = Math.round(wanted.x - CARD.width / 2);
  const y0 = Math.round(wanted.y);
  for (let column = 0; column < 6; column++) {
    for (let row = 0; row < 12; row++) {
      const x = x0 + column * (CARD.width + 40);
      const y = y0 + row * 60;
      if (!overlaps(x, y)) return { x, y };
    }
  }
  return { x: x0, y: y0 };
}

function UndoRedo() {
  const t = useTranslations("editor");
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const store = useEditorStoreApi();
  return (
    <>
      <Tooltip>
        <TooltipTrigger asChild>
          <Button variant="ghost" size="icon" className="size-8" disabled={!canUndo} onClick={() => store.actions.undo()} aria-label={t("toolbar.undo")} data-testid="undo">
            <Undo2 />
          </Button>
        </TooltipTrigger>
        <TooltipContent>{t("toolbar.undo")} (Ctrl+Z)</TooltipContent>
      </Tooltip>
      <Tooltip>
        <TooltipTrigger asChild>
          <Button variant="ghost" size="icon" className="size-8" disabled={!canRedo} onClick={() => store.actions.redo()} aria-label={t("toolbar.redo")} data-testid="redo">
            <Redo2 />
          </Button>
        </TooltipTrigger>
        <TooltipContent>{t("toolbar.redo")} (Ctrl+Shift+Z)</TooltipContent>
      </Tooltip>
    </>
  );
}

function SaveState() {
  const t = useTranslations("editor");
  const state = useEditor((s) => s.saveState);
  const Icon = { saved: Cloud, saving: Loader2, unsaved: CloudUpload, conflict: CircleAlert, error: CloudAlert }[state];
  return (
    <span
      className={cn(
        "flex items-center gap-1 text-xs",
        state === "saved" && "text-muted-foreground",
        state === "saving" && "text-muted-foreground",
        state === "unsaved" && "text-amber-700 dark:text-amber-400",
        (state === "conflict" || state === "error") && "text-destructive",
      )}
      role="status"
      aria-live="polite"
      data-testid="save-state"
      data-state={state}
    >
      <Icon className={cn("size-3.5", state === "saving" && "animate-spin")} aria-hidden />
      {t(`save.${state}`)}
    </span>
  );
}

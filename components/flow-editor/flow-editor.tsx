"use client";

import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import {
  ArrowLeft,
  ChartNoAxesColumn,
  CircleAlert,
  Cloud,
  CloudAlert,
  CloudUpload,
  Loader2,
  Network,
  Phone,
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
import type { BoundChannel } from "@/lib/flows/types";
import { cn } from "@/lib/utils";
import { AnalyticsOverlay } from "./analytics-overlay";
import { FlowCanvas } from "./canvas";
import { copySelection, duplicateSelection, hasClip, materializeClip } from "./clipboard";
import { ConflictDialog } from "./conflict-dialog";
import { type ContactFieldOption, EditorEnvContext, type QueueOption } from "./env";
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
import { firstFreeHandle, freeSpot, placeAfter } from "./placement";
import { type EditorStore, EditorStoreContext, createEditorStore, randomId, useEditor, useEditorStoreApi } from "./store";
import { type EditorEdge, fromDocument, type EditorNode } from "./types";
import { useDraftSync } from "./use-draft-sync";
import { useEditorKeys } from "./use-editor-keys";
import { MediaLibraryProvider, useMediaLibrary } from "./media/library-context";
import { useLiveLint } from "./use-live-lint";
import { prepareContent } from "./view";

export type EditorFlow = {
  id: string;
  name: string;
  draft: FlowDocument;
  draftRevision: number;
  activeVersion: { number: number } | null;
  /** The saved draft differs from the active version (as the server compared them on load). */
  hasUnpublishedChanges: boolean;
  /** The numbers that answer with this flow. */
  channels: BoundChannel[];
};

export type EditorUser = { id: string | null; role: string };

type Tab = "inspector" | "preview" | "lint" | "settings" | "history";

const NO_FIELDS: ContactFieldOption[] = [];

export function FlowEditor({ flow, queues, me, contactFields = NO_FIELDS }: { flow: EditorFlow; queues: QueueOption[]; me: EditorUser; contactFields?: ContactFieldOption[] }) {
  const [store] = useState(() => createEditorStore(prepareContent(fromDocument(flow.draft)), { revision: flow.draftRevision }));
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <MediaLibraryProvider>
          <EditorWorkspace flow={flow} queues={queues} store={store} me={me} contactFields={contactFields} />
        </MediaLibraryProvider>
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

function EditorWorkspace({
  flow,
  queues,
  store,
  me,
  contactFields,
}: {
  flow: EditorFlow;
  queues: QueueOption[];
  store: EditorStore;
  me: EditorUser;
  contactFields: ContactFieldOption[];
}) {
  const t = useTranslations("editor");
  const locale = useLocale() as LintLocale;
  const { screenToFlowPosition, fitView, getInternalNode } = useReactFlow();
  const [tab, setTab] = useState<Tab>("inspector");
  // The Analytics overlay: a published version's figures on a read-only canvas instead of the draft.
  const [analytics, setAnalytics] = useState(false);
  const [name, setName] = useState(flow.name);
  const [activeVersion, setActiveVersion] = useState(flow.activeVersion?.number ?? null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [channels, setChannels] = useState<BoundChannel[]>(flow.channels);
  // The draft differs from the active version: the server's answer at `since` (a content
  // version), or any edit made after it.
  const [published, setPublished] = useState({ changed: flow.hasUnpublishedChanges, since: store.getState().contentVersion });
  const contentVersion = useEditor((s) => s.contentVersion);
  const draftChanged = published.changed || contentVersion !== published.since;
  const [historyKey, setHistoryKey] = useState(0);
  const [contactName, setContactName] = useState("Ana");
  const [variablesText, setVariablesText] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);

  const queueSlugs = useMemo(() => queues.map((q) => q.slug), [queues]);
  const library = useMediaLibrary();
  const fieldKeys = useMemo(() => contactFields.map((f) => f.key), [contactFields]);
  useLiveLint(store, locale, queueSlugs, library.facts, fieldKeys);
  const { conflict, flush, reloadTheirs, overwrite, adopt } = useDraftSync(store, flow.id);

  const env = useMemo(
    () => ({ flowId: flow.id, queues, contactFields, testContact: { name: contactName, phone: "" }, testVariables: parseVariables(variablesText) }),
    [flow.id, queues, contactFields, contactName, variablesText],
  );

  const defaults = useMemo(
    () => ({ option: (n: number) => t("defaults.option", { n }), listButton: t("defaults.listButton"), section: t("defaults.section") }),
    [t],
  );

  const addNode = useCallback(
    (type: NodeType, position?: { x: number; y: number }) => {
      setTab((current) => (current === "preview" ? current : "inspector"));
      if (position) {
        store.actions.addNode(newNode(type, position, defaults) as EditorNode);
        return;
      }
      // Click to add with one step selected that has an output leading nowhere: the new step
      // follows that output, wired, beside it (options: to the right, level with the row).
      const { nodes, edges } = store.getState();
      const selected = nodes.filter((n) => n.selected);
      const from = selected.length === 1 ? selected[0]! : null;
      const handle = from && type !== "start" ? firstFreeHandle(from, edges) : null;
      if (from && handle) {
        const box = getInternalNode(from.id)?.internals.handleBounds?.source?.find((h) => (h.id ?? "default") === handle);
        const node = newNode(type, placeAfter(from, box, nodes), defaults) as EditorNode;
        const edge: EditorEdge = { id: randomId("e"), source: from.id, target: node.id };
        if (handle !== "default") edge.sourceHandle = handle;
        store.actions.addNodes([node], [edge]);
        requestAnimationFrame(() => void fitView({ nodes: [{ id: from.id }, { id: node.id }], duration: 250, maxZoom: 1, padding: 0.25 }));
        return;
      }
      // Otherwise near the middle of what you are looking at, on a free spot.
      const rect = canvasRef.current?.getBoundingClientRect();
      const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 3 } : { x: 400, y: 200 };
      store.actions.addNode(newNode(type, freeSpot(nodes, screenToFlowPosition(centre)), defaults) as EditorNode);
    },
    [defaults, fitView, getInternalNode, screenToFlowPosition, store],
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
  useEditorKeys(handlers, !analytics);

  const layout = useCallback(async () => {
    const { nodes, edges } = store.getState();
    store.actions.setPositions(await autoLayout(nodes, edges));
    requestAnimationFrame(() => void fitView({ duration: 300, padding: 0.15 }));
  }, [fitView, store]);

  const refreshSummary = useCallback(async () => {
    try {
      // The server compares the saved draft with the active version: save first.
      await flush();
      const since = store.getState().contentVersion;
      const { flow: fresh } = await apiFetch<{ flow: { activeVersion: { number: number } | null; hasUnpublishedChanges: boolean } }>(`/api/flows/${flow.id}`);
      setActiveVersion(fresh.activeVersion?.number ?? null);
      setPublished({ changed: fresh.hasUnpublishedChanges, since });
    } catch {
      // The badge is informative; the history panel shows the truth.
    }
  }, [flow.id, flush, store]);

  const restore = useCallback(
    async (version: number) => {
      await flush();
      const { revision } = await apiFetch<{ revision: number }>(`/api/flows/${flow.id}/restore`, {
        method: "POST",
        json: { version, revision: store.getState().revision },
      });
      const { flow: fresh } = await apiFetch<{ flow: { draft: FlowDocument; draftRevision: number } }>(`/api/flows/${flow.id}`);
      adopt(fresh.draft, Math.max(revision, fresh.draftRevision));
      void refreshSummary();
    },
    [adopt, flow.id, flush, refreshSummary, store],
  );

  // A click on a step opens it, whichever side tab was showing.
  const openInspector = useCallback(() => setTab("inspector"), []);

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
          {activeVersion !== null && draftChanged && (
            <Badge variant="warning" data-testid="draft-changed" title={t("toolbar.draftChangedHint", { n: activeVersion })}>
              {t("toolbar.draftChanged")}
            </Badge>
          )}
          <SaveState />
          <button
            type="button"
            onClick={() => setPublishOpen(true)}
            className="flex min-w-0 shrink-0 items-center gap-1 rounded-md px-1.5 py-1 text-xs text-muted-foreground outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
            data-testid="header-channels"
            title={channels.length === 0 ? t("toolbar.channelsHint") : channels.map((c) => `${c.name} (${c.displayNumber})`).join(", ")}
          >
            <Phone className="size-3.5 shrink-0" aria-hidden />
            <span className="truncate">
              {channels.length === 0
                ? t("toolbar.noChannels")
                : t("toolbar.answersOn", { numbers: channels.map((c) => c.name).join(", ") })}
            </span>
          </button>
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
            <Tooltip>
              <TooltipTrigger asChild>
                <Button
                  variant={analytics ? "secondary" : "ghost"}
                  size="sm"
                  className="h-8"
                  onClick={() => {
                    // The hidden editor keeps its draft; nothing selected there, so no shortcut acts on it unseen.
                    if (!analytics) store.actions.select([]);
                    setAnalytics(!analytics);
                  }}
                  aria-pressed={analytics}
                  data-testid="analytics-toggle"
                >
                  <ChartNoAxesColumn />
                  {analytics ? t("analytics.back") : t("analytics.toggle")}
                </Button>
              </TooltipTrigger>
              <TooltipContent>{t("analytics.toggleHint")}</TooltipContent>
            </Tooltip>
            {!analytics && <NodeSearch ref={searchRef} />}
            <Button size="sm" onClick={() => setPublishOpen(true)} data-testid="publish">
              <Rocket />
              {t("toolbar.publish")}
            </Button>
          </div>
        </header>
        {analytics ? <AnalyticsOverlay flowId={flow.id} queues={queues} /> : null}
        <div className={cn("flex min-h-0 flex-1", analytics && "hidden")}>
          <Palette onAdd={(type) => addNode(type)} />
          <div ref={canvasRef} className="relative min-w-0 flex-1">
            <FlowCanvas className="absolute inset-0" onAddNode={addNode} onCopy={handlers.copy} onDuplicate={handlers.duplicate} onNodeClick={openInspector} />
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
          setPublished({ changed: false, since: store.getState().contentVersion });
          setHistoryKey((k) => k + 1);
        }}
        onChannelsChanged={setChannels}
        onShowLint={() => setTab("lint")}
      />
      <ConflictDialog conflict={conflict} me={me.id} onReload={reloadTheirs} onOverwrite={overwrite} />
    </EditorEnvContext.Provider>
  );
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
        "flex items-center gap-1 whitespace-nowrap text-xs",
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

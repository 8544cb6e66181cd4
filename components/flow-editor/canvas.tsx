"use client";

import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  type DefaultEdgeOptions,
  MarkerType,
  MiniMap,
  type OnBeforeDelete,
  ReactFlow,
  type ReactFlowInstance,
  useReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { Copy, CopyPlus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState } from "react";
import type { NodeType } from "@/lib/flow/schema";
import { NODE_TYPES } from "@/lib/flow/schema";
import { edgeTypes } from "./flow-edge";
import { nodeTypes } from "./nodes/node-components";
import { useEditor, useEditorStoreApi } from "./store";
import { stepName } from "./step-name";
import type { EditorEdge, EditorNode } from "./types";
import { VISIBLE_ONLY_THRESHOLD, initialViewport, isLargeFlow } from "./view";

export const PALETTE_MIME = "application/x-atendo-node";


const defaultEdgeOptions: DefaultEdgeOptions = {
  type: "flow",
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  style: { strokeWidth: 1.75 },
};

const MINIMAP_COLORS: Record<string, string> = {
  start: "#059669",
  message: "#0284c7",
  buttons: "#0d9488",
  list: "#0e7490",
  question: "#4f46e5",
  condition: "#f59e0b",
  set_variable: "#7c3aed",
  http_request: "#334155",
  handoff: "#e11d48",
  end: "#52525b",
};
const minimapColor = (node: { type?: string }) => MINIMAP_COLORS[node.type ?? ""] ?? "#94a3b8";

// Props React Flow compares by identity: constants, so a re-render (every drag frame) does
// not update its store or re-register key listeners.
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECT_KEYS = ["Meta", "Control"];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 };
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_STYLE = { width: 150, height: 100 };

const MOVING_CSS = ".atendo-moving .react-flow__viewport{will-change:transform}";

type Menu = { x: number; y: number; nodeId: string };

export function FlowCanvas({
  onAddNode,
  onCopy,
  onDuplicate,
  onNodeClick,
  className,
}: {
  onAddNode?: (type: NodeType, position: { x: number; y: number }) => void;
  /** A click on a step (not a drag): the editor shows it in the inspector. */
  onNodeClick?: () => void;
  onCopy?: () => void;
  onDuplicate?: () => void;
  className?: string;
}) {
  const t = useTranslations("editor");
  const store = useEditorStoreApi();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const readOnly = useEditor((s) => s.readOnly);
  const contentVersion = useEditor((s) => s.contentVersion);
  const { screenToFlowPosition } = useReactFlow();
  const tTypes = useTranslations("editor.types");

  // React Flow's own labels (controls, minimap, keyboard help) in the UI language.
  const ariaLabelConfig = useMemo(
    () => ({
      "node.a11yDescription.default": t("a11y.node"),
      "node.a11yDescription.keyboardDisabled": t("a11y.nodeKeyboard"),
      "node.a11yDescription.ariaLiveMessage": ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        t("a11y.nodeMoved", { direction: t(`a11y.direction.${direction}` as "a11y.direction.up"), x: Math.round(x), y: Math.round(y) }),
      "edge.a11yDescription.default": t("a11y.edge"),
      "controls.ariaLabel": t("a11y.controls"),
      "controls.zoomIn.ariaLabel": t("a11y.zoomIn"),
      "controls.zoomOut.ariaLabel": t("a11y.zoomOut"),
      "controls.fitView.ariaLabel": t("a11y.fitView"),
      "controls.interactive.ariaLabel": t("a11y.interactive"),
      "minimap.ariaLabel": t("minimap"),
      "handle.ariaLabel": t("a11y.handle"),
    }),
    [t],
  );

  // Each connection is announced by the steps' names ("from Menu to Sales"), never by ids.
  // Names change only with the content, not on every drag frame.
  // biome-ignore lint/correctness/useExhaustiveDependencies: contentVersion relabels connections of renamed steps (the store is mutable)
  const labelledEdges = useMemo(() => {
    const names = new Map<string, string>();
    for (const n of store.getState().nodes) names.set(n.id, stepName(n, (type) => tTypes(type)));
    const domAttributes = { "aria-roledescription": t("a11y.edgeRole") };
    return edges.map((e) => ({ ...e, domAttributes, ariaLabel: t("a11y.edgeLabel", { from: names.get(e.source) ?? "?", to: names.get(e.target) ?? "?" }) }));
    // contentVersion: renamed steps relabel their connections.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [edges, contentVersion, store, t, tTypes]);
  const [menu, setMenu] = useState<Menu | null>(null);
  const { actions } = store;

  const [initialView] = useState(() => initialViewport(store.getState().nodes));
  const [large] = useState(() => isLargeFlow(store.getState().nodes));
  const onInit = useCallback(
    (instance: ReactFlowInstance<EditorNode, EditorEdge>) => {
      if (!initialView) return;
      const pane = document.querySelector(".react-flow__pane")?.getBoundingClientRect();
      const start = store.getState().nodes.find((n) => n.type === "start");
      if (!pane || !start) return;
      void instance.setViewport({ x: Math.round(pane.width / 2 - (start.position.x + 130) * initialView.zoom), y: initialView.y, zoom: initialView.zoom });
    },
    [initialView, store],
  );

  const onBeforeDelete: OnBeforeDelete<EditorNode, EditorEdge> = useCallback(async ({ nodes: toDelete, edges: edgesToDelete }) => {
    // The start node can't go: every flow has exactly one.
    const keptNodes = toDelete.filter((n) => n.type !== "start");
    return { nodes: keptNodes, edges: edgesToDelete };
  }, []);

  const onDragOver = useCallback((event: React.DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME) as NodeType;
      if (!type || !(NODE_TYPES as readonly string[]).includes(type) || !onAddNode) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Drop point = the card's top centre, where the pointer holds it.
      onAddNode(type, { x: Math.round(position.x - 130), y: Math.round(position.y - 16) });
    },
    [onAddNode, screenToFlowPosition],
  );

  const onNodeContextMenu = useCallback(
    (event: React.MouseEvent, node: EditorNode) => {
      if (readOnly) return;
      event.preventDefault();
      if (!node.selected) actions.select([node.id]);
      setMenu({ x: event.clientX, y: event.clientY, nodeId: node.id });
    },
    [actions, readOnly],
  );

  const closeMenu = useCallback(() => setMenu(null), []);

  // While the view pans or zooms, the whole drawing moves as one composited layer instead of
  // being repainted every frame (hundreds of connection lines are costly to repaint); it is
  // repainted sharp once the movement ends. Toggled on the DOM: no React render per move.
  const wrapper = useRef<HTMLDivElement>(null);
  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null) => {
      setMenu((m) => (m ? null : m));
      if (event) wrapper.current?.classList.add("atendo-moving");
    },
    [],
  );
  const onMoveEnd = useCallback(() => wrapper.current?.classList.remove("atendo-moving"), []);
  const menuNode = useMemo(() => (menu ? nodes.find((n) => n.id === menu.nodeId) : undefined), [menu, nodes]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the canvas wrapper only catches drops and context menus for React Flow; the canvas itself is keyboard-operable
    <div
      ref={wrapper}
      className={className}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="flow-canvas"
    >
      <style href="atendo-canvas-moving" precedence="default">{MOVING_CSS}</style>
      <ReactFlow<EditorNode, EditorEdge>
        nodes={nodes}
        edges={labelledEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        connectionLineType={ConnectionLineType.SmoothStep}
        ariaLabelConfig={ariaLabelConfig}
        onNodesChange={actions.onNodesChange}
        onEdgesChange={actions.onEdgesChange}
        onConnect={actions.connect}
        onNodeDragStart={actions.beginDrag}
        onSelectionDragStart={actions.beginDrag}
        onBeforeDelete={onBeforeDelete}
        onNodeContextMenu={onNodeContextMenu}
        onNodeClick={onNodeClick}
        onPaneClick={closeMenu}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        defaultEdgeOptions={defaultEdgeOptions}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        onlyRenderVisibleElements={large || nodes.length > VISIBLE_ONLY_THRESHOLD}
        minZoom={0.05}
        maxZoom={2}
        fitView={!initialView}
        fitViewOptions={FIT_VIEW_OPTIONS}
        defaultViewport={initialView ?? undefined}
        onInit={onInit}
        proOptions={PRO_OPTIONS}
        aria-label={t("canvasLabel")}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <MiniMap pannable zoomable nodeColor={minimapColor} style={MINIMAP_STYLE} className="!m-2" ariaLabel={t("minimap")} />
        <Controls showInteractive={false} className="!m-2" />
      </ReactFlow>
      {menu && menuNode && (
        <div
          role="menu"
          aria-label={t("nodeMenu")}
          className="fixed z-50 grid min-w-40 rounded-md border bg-popover p-1 text-sm text-popover-foreground shadow-md"
          style={{ left: menu.x, top: menu.y }}
          onKeyDown={(e) => e.key === "Escape" && closeMenu()}
        >
          {[
            { key: "duplicate", icon: CopyPlus, run: () => onDuplicate?.(), hidden: menuNode.type === "start" },
            { key: "copy", icon: Copy, run: () => onCopy?.(), hidden: menuNode.type === "start" },
            {
              key: "delete",
              icon: Trash2,
              run: () => actions.removeNodes(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)),
              hidden: menuNode.type === "start",
            },
          ]
            .filter((item) => !item.hidden)
            .map(({ key, icon: Icon, run }, i) => (
              <button
                key={key}
                type="button"
                role="menuitem"
                // biome-ignore lint/a11y/noAutofocus: the context menu focuses its first item as it opens, as menus do
                autoFocus={i === 0}
                className="flex items-center gap-2 rounded-sm px-2 py-1.5 text-left outline-none hover:bg-accent focus-visible:bg-accent"
                onClick={() => {
                  run();
                  closeMenu();
                }}
              >
                <Icon className="size-4" />
                {t(`menu.${key}`)}
              </button>
            ))}
          {menuNode.type === "start" && <p className="px-2 py-1.5 text-muted-foreground">{t("menu.startLocked")}</p>}
        </div>
      )}
    </div>
  );
}

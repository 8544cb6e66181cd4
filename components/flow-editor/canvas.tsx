"use client";

import {
  Background,
  BackgroundVariant,
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
import { useCallback, useMemo, useState } from "react";
import type { NodeType } from "@/lib/flow/schema";
import { NODE_TYPES } from "@/lib/flow/schema";
import { nodeTypes } from "./nodes/node-components";
import { useEditor, useEditorStoreApi } from "./store";
import type { EditorEdge, EditorNode } from "./types";

export const PALETTE_MIME = "application/x-atendo-node";

/** Above this many nodes only the visible ones are rendered (large flows stay fluid). */
const VISIBLE_ONLY_THRESHOLD = 200;
const LARGE_FLOW_ZOOM = 0.8;
const MIN_READABLE_ZOOM = 0.35;
/** The canvas at 1280×720 (shell, palette and side panel around it). */
const TYPICAL_CANVAS = { width: 560, height: 620 };

const defaultEdgeOptions: DefaultEdgeOptions = {
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

type Menu = { x: number; y: number; nodeId: string };

export function FlowCanvas({
  onAddNode,
  onCopy,
  onDuplicate,
  className,
}: {
  onAddNode?: (type: NodeType, position: { x: number; y: number }) => void;
  onCopy?: () => void;
  onDuplicate?: () => void;
  className?: string;
}) {
  const t = useTranslations("editor");
  const store = useEditorStoreApi();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const readOnly = useEditor((s) => s.readOnly);
  const { screenToFlowPosition } = useReactFlow();
  const [menu, setMenu] = useState<Menu | null>(null);
  const { actions } = store;

  // A flow that would only fit at an unreadable zoom opens on its start step at a readable
  // one (the minimap shows the whole); smaller flows open fitted to the view.
  const [initialView] = useState(() => {
    const all = store.getState().nodes;
    if (all.length === 0) return null;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const n of all) {
      minX = Math.min(minX, n.position.x);
      minY = Math.min(minY, n.position.y);
      maxX = Math.max(maxX, n.position.x);
      maxY = Math.max(maxY, n.position.y);
    }
    const fitZoom = Math.min(TYPICAL_CANVAS.width / (maxX - minX + 260), TYPICAL_CANVAS.height / (maxY - minY + 200));
    if (fitZoom >= MIN_READABLE_ZOOM) return null;
    const start = all.find((n) => n.type === "start") ?? all[0]!;
    const zoom = LARGE_FLOW_ZOOM;
    return { x: Math.round(TYPICAL_CANVAS.width / 2 - (start.position.x + 130) * zoom), y: Math.round(40 - start.position.y * zoom), zoom };
  });
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
  const menuNode = useMemo(() => (menu ? nodes.find((n) => n.id === menu.nodeId) : undefined), [menu, nodes]);

  return (
    <div className={className} onDragOver={onDragOver} onDrop={onDrop} data-testid="flow-canvas">
      <ReactFlow<EditorNode, EditorEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={actions.onNodesChange}
        onEdgesChange={actions.onEdgesChange}
        onConnect={actions.connect}
        onNodeDragStart={actions.beginDrag}
        onSelectionDragStart={actions.beginDrag}
        onBeforeDelete={onBeforeDelete}
        onNodeContextMenu={onNodeContextMenu}
        onPaneClick={closeMenu}
        onMoveStart={closeMenu}
        defaultEdgeOptions={defaultEdgeOptions}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        multiSelectionKeyCode={["Meta", "Control"]}
        selectionKeyCode="Shift"
        onlyRenderVisibleElements={nodes.length > VISIBLE_ONLY_THRESHOLD}
        minZoom={0.05}
        maxZoom={2}
        fitView={!initialView}
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        defaultViewport={initialView ?? undefined}
        onInit={onInit}
        proOptions={{ hideAttribution: true }}
        aria-label={t("canvasLabel")}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <MiniMap pannable zoomable nodeColor={minimapColor} style={{ width: 150, height: 100 }} className="!m-2" ariaLabel={t("minimap")} />
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

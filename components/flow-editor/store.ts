"use client";

import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from "@xyflow/react";
import { createContext, useContext, useSyncExternalStore } from "react";
import { type FlowSettings, nodeHandles } from "@/lib/flow/schema";
import type { NodeFigures } from "@/lib/analytics/bot/overlay-types";
import type { LintReport } from "@/lib/flow/validate";
import { withoutGeometryHint } from "./node-geometry";
import type { EditorContent, EditorEdge, EditorNode } from "./types";

export type SaveState = "saved" | "saving" | "unsaved" | "conflict" | "error";
export type Marker = "error" | "warning";
export type DiffMark = "added" | "removed" | "changed";

export type EditorState = EditorContent & {
  past: EditorContent[];
  future: EditorContent[];
  /** Consecutive edits with the same key (typing in one field) make one undo step. */
  lastCoalesce: { key: string; at: number } | null;
  /** Bumped on every change to the document (not on selection or measuring). */
  contentVersion: number;
  readOnly: boolean;
  markers: ReadonlyMap<string, Marker>;
  /** Lint problems of one output row (`nodeId` + "\u0000" + handle id): the option itself is marked. */
  handleMarkers: ReadonlyMap<string, Marker>;
  /** The node the preview conversation is at. */
  activeNodeId: string | null;
  diffMarks: ReadonlyMap<string, DiffMark> | null;
  /** The analytics overlay's figures per node (read-only view of a version); null elsewhere. */
  figures: ReadonlyMap<string, NodeFigures> | null;
  /** Set by the lint panel: the inspector focuses this field once. */
  focus: { nodeId: string; field?: string; nonce: number } | null;
  lint: LintReport | null;
  saveState: SaveState;
  /** The draft revision the content is based on (optimistic concurrency). */
  revision: number;
};

const HISTORY_LIMIT = 100;
const COALESCE_MS = 1200;
const EMPTY_MARKERS: ReadonlyMap<string, Marker> = new Map();

type Listener = () => void;

export type EditorStore = ReturnType<typeof createEditorStore>;

export function randomId(prefix: string): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  return `${prefix}_${Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("").slice(0, 8)}`;
}

export function createEditorStore(
  initial: EditorContent,
  options: { readOnly?: boolean; diffMarks?: ReadonlyMap<string, DiffMark>; figures?: ReadonlyMap<string, NodeFigures>; revision?: number } = {},
) {
  let state: EditorState = {
    ...initial,
    past: [],
    future: [],
    lastCoalesce: null,
    contentVersion: 0,
    readOnly: options.readOnly ?? false,
    markers: EMPTY_MARKERS,
    handleMarkers: EMPTY_MARKERS,
    activeNodeId: null,
    diffMarks: options.diffMarks ?? null,
    figures: options.figures ?? null,
    focus: null,
    lint: null,
    saveState: "saved",
    revision: options.revision ?? 0,
  };
  const listeners = new Set<Listener>();

  const getState = () => state;
  const setState = (patch: Partial<EditorState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  const subscribe = (l: Listener) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };

  const snapshot = (): EditorContent => ({ nodes: state.nodes, edges: state.edges, settings: state.settings });

  /** Records the current content as an undo step (unless it continues the same coalesced edit). */
  const record = (coalesceKey?: string) => {
    const now = Date.now();
    if (coalesceKey && state.lastCoalesce?.key === coalesceKey && now - state.lastCoalesce.at < COALESCE_MS) {
      state = { ...state, lastCoalesce: { key: coalesceKey, at: now } };
      return;
    }
    const past = state.past.length >= HISTORY_LIMIT ? state.past.slice(1) : state.past.slice();
    past.push(snapshot());
    state = { ...state, past, future: [], lastCoalesce: coalesceKey ? { key: coalesceKey, at: now } : null };
  };

  /** Applies a content change as one undo step. */
  const edit = (change: (s: EditorState) => Partial<EditorContent>, coalesceKey?: string) => {
    if (state.readOnly) return;
    record(coalesceKey);
    setState({ ...change(state), contentVersion: state.contentVersion + 1 });
  };

  const isStart = (id: string) => state.nodes.find((n) => n.id === id)?.type === "start";

  const actions = {
    onNodesChange(changes: NodeChange<EditorNode>[]) {
      if (state.readOnly) {
        // Selection and measuring only: a read-only canvas still lets you click around.
        const allowed = changes.filter((c) => c.type === "select" || c.type === "dimensions");
        if (allowed.length) {
          const measured = new Set(allowed.filter((c) => c.type === "dimensions").map((c) => c.id));
          setState({ nodes: applyNodeChanges(allowed, state.nodes).map((n) => (measured.has(n.id) ? withoutGeometryHint(n) : n)) });
        }
        return;
      }
      const kept = changes.filter((c) => !(c.type === "remove" && isStart(c.id)));
      if (kept.length === 0) return;
      const structural = kept.some((c) => c.type === "remove" || c.type === "add" || c.type === "replace");
      // A position change outside a drag is a keyboard nudge: one undo step per burst.
      const nudge = kept.some((c) => c.type === "position" && c.dragging === undefined && c.position);
      const dragEnd = kept.some((c) => c.type === "position" && c.dragging === false);
      if (structural) record();
      else if (nudge) record("nudge");
      let nodes = applyNodeChanges(kept, state.nodes);
      if (kept.some((c) => c.type === "dimensions")) {
        const measured = new Set(kept.filter((c) => c.type === "dimensions").map((c) => c.id));
        nodes = nodes.map((n) => (measured.has(n.id) ? withoutGeometryHint(n) : n));
      }
      let edges = state.edges;
      if (structural) {
        const ids = new Set(nodes.map((n) => n.id));
        edges = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
      }
      const contentChanged = structural || nudge || dragEnd;
      setState({ nodes, edges, contentVersion: contentChanged ? state.contentVersion + 1 : state.contentVersion });
    },

    onEdgesChange(changes: EdgeChange<EditorEdge>[]) {
      if (state.readOnly) {
        const allowed = changes.filter((c) => c.type === "select");
        if (allowed.length) setState({ edges: applyEdgeChanges(allowed, state.edges) });
        return;
      }
      const structural = changes.some((c) => c.type === "remove" || c.type === "add" || c.type === "replace");
      if (structural) record();
      setState({
        edges: applyEdgeChanges(changes, state.edges),
        contentVersion: structural ? state.contentVersion + 1 : state.contentVersion,
      });
    },

    /** Snapshot before a drag so that the whole drag is one undo step. */
    beginDrag() {
      if (!state.readOnly) record();
    },

    connect(connection: Connection) {
      if (!connection.source || !connection.target || connection.source === connection.target) return;
      const handle = connection.sourceHandle ?? null;
      edit((s) => {
        // One handle leads to one place: a new connection replaces the old one.
        const edges = s.edges.filter((e) => !(e.source === connection.source && (e.sourceHandle ?? null) === handle));
        const edge: EditorEdge = { id: randomId("e"), source: connection.source, target: connection.target };
        if (handle !== null) edge.sourceHandle = handle;
        return { edges: [...edges, edge] };
      });
    },

    addNode(node: EditorNode) {
      edit((s) => ({ nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), { ...node, selected: true }] }));
    },

    addNodes(nodes: EditorNode[], edges: EditorEdge[]) {
      if (nodes.length === 0) return;
      edit((s) => ({
        nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...nodes.map((n) => ({ ...n, selected: true }))],
        edges: [...s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges],
      }));
    },

    removeNodes(ids: string[]) {
      const remove = new Set(ids.filter((id) => !isStart(id)));
      if (remove.size === 0) return;
      edit((s) => ({
        nodes: s.nodes.filter((n) => !remove.has(n.id)),
        edges: s.edges.filter((e) => !remove.has(e.source) && !remove.has(e.target)),
      }));
    },

    removeEdges(ids: string[]) {
      const remove = new Set(ids);
      edit((s) => ({ edges: s.edges.filter((e) => !remove.has(e.id)) }));
    },

    /** Replaces a node's data. `coalesceKey` groups keystrokes in one field into one undo step. */
    updateNodeData<N extends EditorNode>(id: string, update: (data: N["data"]) => N["data"], coalesceKey?: string) {
      edit((s) => ({ nodes: s.nodes.map((n) => (n.id === id ? ({ ...n, data: update(n.data as N["data"]) } as EditorNode) : n)) }), coalesceKey);
    },

    /** Removes edges leaving `nodeId` from handles it no longer has (an option was deleted). */
    pruneEdges(nodeId: string) {
      const node = state.nodes.find((n) => n.id === nodeId);
      if (!node) return;
      const keep = new Set(nodeHandles(node));
      const stale = state.edges.filter((e) => e.source === nodeId && !keep.has(e.sourceHandle ?? "default"));
      if (stale.length === 0) return;
      const ids = new Set(stale.map((e) => e.id));
      // Part of the same edit as the option removal: no separate undo step.
      setState({ edges: state.edges.filter((e) => !ids.has(e.id)), contentVersion: state.contentVersion + 1 });
    },

    updateSettings(update: (settings: FlowSettings) => FlowSettings, coalesceKey?: string) {
      edit((s) => ({ settings: update(s.settings) }), coalesceKey);
    },

    setPositions(positions: Map<string, { x: number; y: number }>) {
      edit((s) => ({ nodes: s.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) }));
    },

    undo() {
      if (state.readOnly || state.past.length === 0) return;
      const past = state.past.slice();
      const previous = past.pop()!;
      setState({ ...previous, past, future: [snapshot(), ...state.future], lastCoalesce: null, contentVersion: state.contentVersion + 1 });
    },

    redo() {
      if (state.readOnly || state.future.length === 0) return;
      const [next, ...future] = state.future;
      setState({ ...next!, past: [...state.past, snapshot()], future, lastCoalesce: null, contentVersion: state.contentVersion + 1 });
    },

    /** Replaces everything (reload after a conflict, restore a version): history starts over. */
    reset(content: EditorContent) {
      setState({ ...content, past: [], future: [], lastCoalesce: null, contentVersion: state.contentVersion + 1 });
    },

    select(ids: string[]) {
      const wanted = new Set(ids);
      setState({
        nodes: state.nodes.map((n) => (!!n.selected === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) })),
        edges: state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      });
    },

    setMarkers(markers: ReadonlyMap<string, Marker>) {
      setState({ markers });
    },
    setActiveNode(activeNodeId: string | null) {
      if (activeNodeId !== state.activeNodeId) setState({ activeNodeId });
    },
    focusField(nodeId: string, field?: string) {
      setState({ focus: { nodeId, field, nonce: (state.focus?.nonce ?? 0) + 1 } });
    },
  };

  return { getState, setState, subscribe, actions };
}

export const EditorStoreContext = createContext<EditorStore | null>(null);

/** The key of one output row in `handleMarkers`. */
export const handleKey = (nodeId: string, handle: string) => `${nodeId}\u0000${handle}`;

export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error("EditorStoreContext is missing");
  return store;
}

/** Subscribes to one slice; the selector must return a value already in the state (no new objects). */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  const store = useEditorStoreApi();
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getState()),
    () => selector(store.getState()),
  );
}

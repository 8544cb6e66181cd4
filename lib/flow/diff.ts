/**
 * Field-by-field difference between two flow documents (version history, "what changed
 * since the published version"). Moving a node on the canvas is not a content change:
 * it is listed in `nodes.moved` only.
 */
import { DEFAULT_HANDLE, type FlowDocument, type FlowEdge, type FlowNode } from "./schema";

export type FieldChange = { path: string; before: unknown; after: unknown };

export type ChangedItem<T> = { id: string; before: T; after: T; fields: FieldChange[] };

export type FlowDiff = {
  nodes: { added: FlowNode[]; removed: FlowNode[]; changed: ChangedItem<FlowNode>[]; moved: string[] };
  edges: { added: FlowEdge[]; removed: FlowEdge[]; changed: ChangedItem<FlowEdge>[] };
  /** Paths start with "settings." (and "schemaVersion" if that changed). */
  settings: FieldChange[];
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Appends leaf-level differences between `a` and `b` under `path`. */
export function diffValues(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (Object.is(a, b)) return;
  const join = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) diffValues(a[i], b[i], join(i), out);
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diffValues(a[k], b[k], join(k), out);
    return;
  }
  out.push({ path, before: a, after: b });
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const it of items) if (!m.has(it.id)) m.set(it.id, it);
  return m;
}

// null, undefined, "" and "default" all denote a single-output node's only handle.
function canonicalEdge(e: FlowEdge): Record<string, unknown> {
  const handle = e.sourceHandle === null || e.sourceHandle === undefined || e.sourceHandle === "" ? DEFAULT_HANDLE : e.sourceHandle;
  const out: Record<string, unknown> = { ...e, sourceHandle: handle };
  if (out.targetHandle === null || out.targetHandle === "") delete out.targetHandle;
  delete out.id;
  return out;
}

export function diffFlows(a: FlowDocument, b: FlowDocument): FlowDiff {
  const result: FlowDiff = {
    nodes: { added: [], removed: [], changed: [], moved: [] },
    edges: { added: [], removed: [], changed: [] },
    settings: [],
  };

  const aNodes = byId(a.nodes ?? []);
  const bNodes = byId(b.nodes ?? []);
  for (const [id, before] of aNodes) {
    const after = bNodes.get(id);
    if (!after) {
      result.nodes.removed.push(before);
      continue;
    }
    const fields: FieldChange[] = [];
    const { position: pa, ...restA } = before;
    const { position: pb, ...restB } = after;
    diffValues(restA, restB, "", fields);
    if (fields.length > 0) result.nodes.changed.push({ id, before, after, fields });
    if (pa?.x !== pb?.x || pa?.y !== pb?.y) result.nodes.moved.push(id);
  }
  for (const [id, node] of bNodes) if (!aNodes.has(id)) result.nodes.added.push(node);

  const aEdges = byId(a.edges ?? []);
  const bEdges = byId(b.edges ?? []);
  for (const [id, before] of aEdges) {
    const after = bEdges.get(id);
    if (!after) {
      result.edges.removed.push(before);
      continue;
    }
    const fields: FieldChange[] = [];
    diffValues(canonicalEdge(before), canonicalEdge(after), "", fields);
    if (fields.length > 0) result.edges.changed.push({ id, before, after, fields });
  }
  for (const [id, edge] of bEdges) if (!aEdges.has(id)) result.edges.added.push(edge);

  if (a.schemaVersion !== b.schemaVersion) {
    result.settings.push({ path: "schemaVersion", before: a.schemaVersion, after: b.schemaVersion });
  }
  diffValues(a.settings, b.settings, "settings", result.settings);
  return result;
}

/** True when the two documents differ in anything but node positions. */
export function hasContentChanges(d: FlowDiff): boolean {
  return (
    d.nodes.added.length + d.nodes.removed.length + d.nodes.changed.length > 0 ||
    d.edges.added.length + d.edges.removed.length + d.edges.changed.length > 0 ||
    d.settings.length > 0
  );
}

/**
 * Per-document lookup tables for the engine, built once and cached by document identity:
 * a step then costs map lookups instead of scans over nodes and edges.
 */
import { type PreparedOptions, normalizeText, prepareOptions } from "./match";
import { type FlowDocument, type FlowNode, type GlobalKeyword, edgeHandle } from "./schema";

export type NodeRecord = {
  node: FlowNode;
  /** handle id -> target node id; only edges whose target exists, first edge wins. */
  outs: Map<string, string>;
  /** buttons/list options, prepared for typed-text matching. */
  options?: PreparedOptions;
};

export type DocIndex = {
  nodes: Map<string, NodeRecord>;
  startId: string | null;
  /** normalized keyword -> its global keyword entry (first entry wins). */
  keywords: Map<string, GlobalKeyword>;
  nodesRef: unknown;
  edgesRef: unknown;
  settingsRef: unknown;
};

const cache = new WeakMap<FlowDocument, DocIndex>();

/** Documents are treated as immutable; replacing nodes/edges/settings rebuilds the index. */
export function indexFlow(flow: FlowDocument): DocIndex {
  const cached = cache.get(flow);
  if (cached && cached.nodesRef === flow.nodes && cached.edgesRef === flow.edges && cached.settingsRef === flow.settings) {
    return cached;
  }
  const built = buildIndex(flow);
  cache.set(flow, built);
  return built;
}

/** Options of a buttons/list node, flattened across list sections (numbering order). */
export function optionsOf(node: FlowNode): { id: string; title: string; description?: string }[] | undefined {
  if (node.type === "buttons") return node.data.buttons;
  if (node.type === "list") {
    const rows: { id: string; title: string; description?: string }[] = [];
    for (const s of node.data.sections) for (const r of s.rows) rows.push(r);
    return rows;
  }
  return undefined;
}

function buildIndex(flow: FlowDocument): DocIndex {
  const nodes = new Map<string, NodeRecord>();
  let startId: string | null = null;
  for (const node of Array.isArray(flow.nodes) ? flow.nodes : []) {
    if (nodes.has(node.id)) continue; // duplicate ids are a lint error; the first one wins
    const options = optionsOf(node);
    nodes.set(node.id, { node, outs: new Map(), options: options ? prepareOptions(options) : undefined });
    if (node.type === "start" && startId === null) startId = node.id;
  }
  for (const edge of Array.isArray(flow.edges) ? flow.edges : []) {
    const src = nodes.get(edge.source);
    if (!src || !nodes.has(edge.target)) continue;
    const handle = edgeHandle(edge);
    if (!src.outs.has(handle)) src.outs.set(handle, edge.target);
  }
  const keywords = new Map<string, GlobalKeyword>();
  for (const kw of flow.settings?.globalKeywords ?? []) {
    for (const k of kw.keywords ?? []) {
      const n = normalizeText(k);
      if (n && !keywords.has(n)) keywords.set(n, kw);
    }
  }
  return { nodes, startId, keywords, nodesRef: flow.nodes, edgesRef: flow.edges, settingsRef: flow.settings };
}

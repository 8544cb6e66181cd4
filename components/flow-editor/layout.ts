import type { EditorEdge, EditorNode } from "./types";

const FALLBACK = { width: 260, height: 140 };

/**
 * Top-to-bottom layered layout of the whole flow (dagre), using the sizes React Flow measured.
 * dagre is loaded on first use: most sessions never ask for a layout.
 */
export async function autoLayout(nodes: EditorNode[], edges: EditorEdge[]): Promise<Map<string, { x: number; y: number }>> {
  const { Graph, layout } = await import("@dagrejs/dagre");
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 48, ranksep: 90, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    g.setNode(n.id, { width: n.measured?.width ?? n.initialWidth ?? FALLBACK.width, height: n.measured?.height ?? n.initialHeight ?? FALLBACK.height });
  }
  for (const e of edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target, {}, e.id);
  layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const placed = g.node(n.id);
    if (!placed) continue;
    positions.set(n.id, { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) });
  }
  return positions;
}

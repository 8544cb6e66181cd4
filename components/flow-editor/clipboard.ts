import { randomId } from "./store";
import type { EditorEdge, EditorNode } from "./types";

type Clip = { nodes: EditorNode[]; edges: EditorEdge[] };

// In-memory: copy/paste works across flows in the same tab without clipboard permissions.
let clip: Clip | null = null;
let pasteCount = 0;

export function hasClip(): boolean {
  return clip !== null && clip.nodes.length > 0;
}

/** Copies the selected nodes (never the start node) and the connections between them. */
export function copySelection(nodes: EditorNode[], edges: EditorEdge[]): number {
  const picked = nodes.filter((n) => n.selected && n.type !== "start");
  if (picked.length === 0) return 0;
  const ids = new Set(picked.map((n) => n.id));
  clip = {
    nodes: structuredClone(picked.map(({ id, type, position, data }) => ({ id, type, position, data }) as EditorNode)),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(({ id, source, target, sourceHandle }) => ({ id, source, target, sourceHandle }) as EditorEdge),
  };
  pasteCount = 0;
  return picked.length;
}

/** Fresh copies of the clipboard with new ids, shifted so that they don't cover the originals. */
export function materializeClip(source: Clip | null = clip): Clip | null {
  if (!source || source.nodes.length === 0) return null;
  pasteCount++;
  const offset = 40 * pasteCount;
  const idMap = new Map<string, string>();
  const nodes = source.nodes.map((n) => {
    const id = randomId(n.type === "set_variable" ? "set" : n.type === "http_request" ? "http" : n.type);
    idMap.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: n.position.x + offset, y: n.position.y + offset } } as EditorNode;
  });
  const edges = source.edges.map((e) => ({ ...e, id: randomId("e"), source: idMap.get(e.source)!, target: idMap.get(e.target)! }));
  return { nodes, edges };
}

/** Duplicate = copy + paste without touching the clipboard. */
export function duplicateSelection(nodes: EditorNode[], edges: EditorEdge[]): Clip | null {
  const saved = clip;
  const savedCount = pasteCount;
  if (copySelection(nodes, edges) === 0) return null;
  const copy = materializeClip();
  clip = saved;
  pasteCount = savedCount;
  return copy;
}

import { withGeometryHint } from "./node-geometry";
import type { EditorContent, EditorNode } from "./types";

/** Above this many nodes only the visible ones are rendered. */
export const VISIBLE_ONLY_THRESHOLD = 200;
const LARGE_FLOW_ZOOM = 0.8;
const MIN_READABLE_ZOOM = 0.35;
/** The canvas at 1280×720 (shell, palette and side panel around it). */
const TYPICAL_CANVAS = { width: 560, height: 620 };
const CARD = { width: 260, height: 200 };

export type Viewport = { x: number; y: number; zoom: number };

/**
 * Where a flow opens: fitted to the canvas when it fits at a readable zoom (null), otherwise
 * on its start step at a readable zoom (the minimap shows the whole): fitting hundreds of
 * cards would make every one unreadable.
 */
export function initialViewport(nodes: readonly EditorNode[]): Viewport | null {
  if (nodes.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x);
    maxY = Math.max(maxY, n.position.y);
  }
  const fitZoom = Math.min(TYPICAL_CANVAS.width / (maxX - minX + CARD.width), TYPICAL_CANVAS.height / (maxY - minY + CARD.height));
  if (fitZoom >= MIN_READABLE_ZOOM) return null;
  const start = nodes.find((n) => n.type === "start") ?? nodes[0]!;
  return {
    x: Math.round(TYPICAL_CANVAS.width / 2 - (start.position.x + CARD.width / 2) * LARGE_FLOW_ZOOM),
    y: Math.round(40 - start.position.y * LARGE_FLOW_ZOOM),
    zoom: LARGE_FLOW_ZOOM,
  };
}

/** A flow seen a part at a time: render only what is in view. */
export function isLargeFlow(nodes: readonly EditorNode[]): boolean {
  return nodes.length > VISIBLE_ONLY_THRESHOLD || initialViewport(nodes) !== null;
}

/** The content as the canvas should first receive it: large flows get size estimates. */
export function prepareContent(content: EditorContent): EditorContent {
  if (!isLargeFlow(content.nodes)) return content;
  return { ...content, nodes: content.nodes.map(withGeometryHint) };
}

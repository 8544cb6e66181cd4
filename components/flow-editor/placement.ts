import { edgeHandle, nodeHandles } from "@/lib/flow/schema";
import type { EditorEdge, EditorNode } from "./types";

/** A new card before it is measured (NodeShell is 260 wide). */
export const NEW_CARD = { width: 260, height: 120 };
const GAP = 24;
/** Room between a card's right edge and the step an option leads to (the line turns in it). */
const COLUMN_GAP = 80;
/** A step entered from the left is level with the option: its header's middle on the option's row. */
const HEADER_MIDDLE = 14;

type Rect = { x: number; y: number; width: number; height: number };
export type HandleBox = { id?: string | null; x: number; y: number; width: number; height: number; position: string };

const sizeOf = (n: EditorNode) => ({ width: n.measured?.width ?? NEW_CARD.width, height: n.measured?.height ?? NEW_CARD.height });

function overlapsAny(nodes: readonly EditorNode[], r: Rect, gap = 16): boolean {
  return nodes.some((n) => {
    const { width, height } = sizeOf(n);
    return r.x < n.position.x + width + gap && r.x + r.width + gap > n.position.x && r.y < n.position.y + height + gap && r.y + r.height + gap > n.position.y;
  });
}

/** The first output of `node` that leads nowhere yet, in display order (options before "invalid"). */
export function firstFreeHandle(node: EditorNode, edges: readonly EditorEdge[]): string | null {
  const used = new Set(edges.filter((e) => e.source === node.id).map(edgeHandle));
  return nodeHandles(node).find((h) => !used.has(h)) ?? null;
}

/**
 * Where a step added from `handle` of `from` goes. From an option on the right edge: in a
 * column to the right, level with that option (or just below the steps already there), so
 * its line runs straight out of the row, beside the cards and never behind them. From a
 * bottom output: below the card. Never on top of another card.
 */
export function placeAfter(
  from: EditorNode,
  handle: HandleBox | undefined,
  nodes: readonly EditorNode[],
): { x: number; y: number } {
  const { width, height } = sizeOf(from);
  const others = nodes.filter((n) => n.id !== from.id);
  if (handle && handle.position === "right") {
    const x = Math.round(from.position.x + width + COLUMN_GAP);
    let y = Math.round(from.position.y + handle.y + handle.height / 2 - HEADER_MIDDLE);
    for (let i = 0; i < 200 && overlapsAny(others, { x, y, ...NEW_CARD }); i++) y += GAP;
    return { x, y };
  }
  const x = Math.round(from.position.x);
  let y = Math.round(from.position.y + height + 60);
  for (let i = 0; i < 200 && overlapsAny(others, { x, y, ...NEW_CARD }); i++) y += GAP;
  return { x, y };
}

/** The first place at or below `wanted` (then to the right) where a new card overlaps no other. */
export function freeSpot(nodes: readonly EditorNode[], wanted: { x: number; y: number }): { x: number; y: number } {
  const x0 = Math.round(wanted.x - NEW_CARD.width / 2);
  const y0 = Math.round(wanted.y);
  for (let column = 0; column < 6; column++) {
    for (let row = 0; row < 12; row++) {
      const x = x0 + column * (NEW_CARD.width + 40);
      const y = y0 + row * 60;
      if (!overlapsAny(nodes, { x, y, ...NEW_CARD })) return { x, y };
    }
  }
  return { x: x0, y: y0 };
}

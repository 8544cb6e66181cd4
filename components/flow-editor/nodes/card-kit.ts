import type { NodeProps } from "@xyflow/react";
import type { EditorNode } from "../types";

/** What React Flow passes a node type's canvas card. */
export type CardProps<N> = NodeProps<N & EditorNode>;

/**
 * A card shows its data and whether it is selected; React Flow also passes the position,
 * which changes on every frame of a drag: ignoring it keeps a dragged card from re-rendering.
 * Every card is `memo(Card, sameCard)`.
 */
export function sameCard(a: NodeProps, b: NodeProps): boolean {
  return a.id === b.id && a.data === b.data && a.selected === b.selected && a.isConnectable === b.isConnectable;
}

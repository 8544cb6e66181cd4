import type { LucideIcon } from "lucide-react";
import { NODE_SHAPES } from "@/lib/flow/nodes/schemas";
import type { FlowNode, NodeOfType, NodeType } from "@/lib/flow/schema";
import { NODE_TYPES } from "@/lib/flow/schema";
import { type DefaultTexts, NODE_UI_META, type NodeUiMeta } from "./nodes/meta";
import { randomId } from "./store";

export type { DefaultTexts } from "./nodes/meta";

// Each type's look and defaults live in components/flow-editor/nodes/<type>/meta.ts.

export type NodeMeta = { icon: LucideIcon; /** Tailwind classes of the header stripe. */ accent: string };

export const NODE_META: Record<NodeType, NodeMeta> = NODE_UI_META;

/** Node types a marketer can add (there is exactly one start). */
export const PALETTE_TYPES: NodeType[] = NODE_TYPES.filter((type) => NODE_UI_META[type].inPalette);

function uiMeta<T extends NodeType>(type: T): NodeUiMeta<T> {
  return NODE_UI_META[type] as NodeUiMeta<T>;
}

/** A new node with content that already renders sensibly on the canvas. */
export function newNode(type: NodeType, position: { x: number; y: number }, texts: DefaultTexts): FlowNode {
  const meta = uiMeta(type);
  return { id: randomId(meta.idPrefix), position, type, data: meta.create(texts) } as FlowNode;
}

/** Plain text of a node for search. */
export function nodeSearchText(node: FlowNode): string {
  const d = node.data as Record<string, unknown>;
  const parts: string[] = [node.id, node.type];
  const push = (v: unknown) => {
    if (typeof v === "string") parts.push(v);
  };
  push(d.label);
  push(d.text);
  push(d.header);
  push(d.footer);
  push(d.variable);
  push(d.url);
  push(d.queue);
  push(d.value);
  const extra = (uiMeta(node.type) as NodeUiMeta<NodeType> | undefined)?.searchTexts?.(node as NodeOfType<NodeType>);
  if (extra) for (const v of extra) push(v);
  return parts.join(" \n").toLocaleLowerCase();
}

/** Variables a template can use: the built-ins, then every variable the flow writes. */
export function flowVariables(nodes: readonly FlowNode[], builtins: readonly string[]): string[] {
  const names = new Set<string>();
  for (const n of nodes) {
    const shape = NODE_SHAPES[n.type] as { writes(node: FlowNode): string[] } | undefined;
    for (const v of shape?.writes(n) ?? []) names.add(v.trim());
  }
  names.delete("");
  return [...builtins, ...[...names].filter((n) => !builtins.includes(n)).sort()];
}

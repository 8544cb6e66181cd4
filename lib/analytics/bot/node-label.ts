import type { FlowDocument } from "@/lib/flow/schema";

export type NodeRef = { nodeId: string; type: string | null; label: string | null };

/** How the tables name a node: its label, or the start of its text (the UI adds the kind's name). */
export function nodeRefs(doc: FlowDocument | null | undefined): Map<string, NodeRef> {
  const out = new Map<string, NodeRef>();
  for (const node of doc?.nodes ?? []) {
    const data = (node.data ?? {}) as { label?: string; text?: string };
    const text = (data.label?.trim() || data.text?.replace(/\s+/g, " ").trim() || "").slice(0, 60);
    out.set(node.id, { nodeId: node.id, type: node.type, label: text || null });
  }
  return out;
}

import type { Edge, Node } from "@xyflow/react";
import type { FlowDocument, FlowEdge, FlowNode, FlowSettings, NodeType } from "@/lib/flow/schema";

/**
 * The document's node as React Flow holds it: the same object plus React Flow's view state
 * (selected, measured, dragging…), which the schema strips on save. No translation layer.
 */
export type EditorNode = FlowNode & Omit<Node, "id" | "type" | "position" | "data">;
export type EditorEdge = FlowEdge & Omit<Edge, "id" | "source" | "target" | "sourceHandle" | "targetHandle">;

export type EditorContent = { nodes: EditorNode[]; edges: EditorEdge[]; settings: FlowSettings };

/** The flow document of the editor's content: view state dropped, nothing else changed. */
export function toDocument(content: EditorContent): FlowDocument {
  return {
    schemaVersion: 1,
    settings: content.settings,
    nodes: content.nodes.map((n) => ({ id: n.id, type: n.type, position: { x: n.position.x, y: n.position.y }, data: n.data }) as FlowNode),
    edges: content.edges.map((e) => {
      const edge: FlowEdge = { id: e.id, source: e.source, target: e.target };
      if (e.sourceHandle !== undefined && e.sourceHandle !== null) edge.sourceHandle = e.sourceHandle;
      if (e.targetHandle !== undefined && e.targetHandle !== null) edge.targetHandle = e.targetHandle;
      return edge;
    }),
  };
}

export function fromDocument(doc: FlowDocument): EditorContent {
  return { nodes: doc.nodes as EditorNode[], edges: doc.edges as EditorEdge[], settings: doc.settings };
}

export type { NodeType };

"use client";

import { Background, Controls, type Edge, MiniMap, type Node, ReactFlow, useEdgesState, useNodesState } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo } from "react";
import { generateFlow } from "@/lib/flow/generate";

/** The same graph as the editor benchmark opens (generateFlow), drawn with React Flow's default nodes. */
export function BareReactFlow({ count }: { count: number }) {
  const initial = useMemo(() => {
    const doc = generateFlow(count);
    const nodes: Node[] = doc.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: n.id } }));
    const edges: Edge[] = doc.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));
    return { nodes, edges };
  }, [count]);
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
  return (
    <div style={{ position: "fixed", inset: 0 }} data-testid="flow-canvas">
      <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} fitView minZoom={0.05}>
        <Background />
        <MiniMap />
        <Controls />
      </ReactFlow>
    </div>
  );
}

"use client";

import type { NodeOfType, NodeType } from "@/lib/flow/schema";
import { NODE_FORMS } from "../nodes/registry";

/** The inspector form of the node's type (each lives in components/flow-editor/nodes/<type>/form.tsx). */
export function NodeForm({ node }: { node: NodeOfType<NodeType> }) {
  const Form = NODE_FORMS[node.type] as React.ComponentType<{ node: NodeOfType<NodeType> }> | undefined;
  return Form ? <Form node={node} /> : null;
}

import { type NodeLint, at, checkWrittenVariable } from "../lint-kit";
import { DEFAULT_HANDLE } from "../shared";
import type { SetVariableNode } from "./schema";

export const setVariableLint: NodeLint<SetVariableNode> = {
  lint(node, { r, known, collect }) {
    collect(node.data.value, at(node.id, "data.value"));
    checkWrittenVariable(r, node.data.variable, at(node.id, "data.variable"), known);
  },
  deadEnds(node, has, r) {
    // Like a message: the engine closes the conversation gracefully, so this only warns.
    if (!has(DEFAULT_HANDLE)) r.warn("flow_stops_here", { nodeId: node.id });
  },
};

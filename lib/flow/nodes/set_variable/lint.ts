import { type NodeLint, at, checkContactField, checkWrittenVariable } from "../lint-kit";
import { DEFAULT_HANDLE } from "../shared";
import type { SetVariableNode } from "./schema";

export const setVariableLint: NodeLint<SetVariableNode> = {
  lint(node, { r, known, collect, contactFields }) {
    collect(node.data.value, at(node.id, "data.value"));
    // Saving straight into a contact field needs no variable.
    if (node.data.variable || !node.data.contactField) checkWrittenVariable(r, node.data.variable, at(node.id, "data.variable"), known);
    checkContactField(r, node.data.contactField, at(node.id, "data.contactField"), contactFields);
  },
  deadEnds(node, has, r) {
    // Like a message: the engine closes the conversation gracefully, so this only warns.
    if (!has(DEFAULT_HANDLE)) r.warn("flow_stops_here", { nodeId: node.id });
  },
};

import type { NodeEngine } from "../engine-kit";
import { DEFAULT_HANDLE } from "../shared";
import type { SetVariableNode } from "./schema";

export const setVariableEngine: NodeEngine<SetVariableNode> = {
  enter(run, node) {
    const value = run.render(node.data.value);
    if (node.data.variable) run.set(node.data.variable, value);
    if (node.data.contactField) run.saveContactField(node.id, node.data.contactField, value);
    return DEFAULT_HANDLE;
  },
};

import type { NodeEngine } from "../engine-kit";
import { DEFAULT_HANDLE } from "../shared";
import type { SetVariableNode } from "./schema";

export const setVariableEngine: NodeEngine<SetVariableNode> = {
  enter(run, node) {
    run.set(node.data.variable, run.render(node.data.value));
    return DEFAULT_HANDLE;
  },
};

import type { NodeLint } from "../lint-kit";
import { DEFAULT_HANDLE } from "../shared";
import type { StartNode } from "./schema";

export const startLint: NodeLint<StartNode> = {
  lint() {},
  deadEnds(node, has, r) {
    if (!has(DEFAULT_HANDLE)) r.error("start_not_connected", { nodeId: node.id });
  },
};

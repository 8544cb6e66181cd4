import type { NodeEngine } from "../engine-kit";
import { DEFAULT_HANDLE } from "../shared";
import type { StartNode } from "./schema";

export const startEngine: NodeEngine<StartNode> = {
  enter: () => DEFAULT_HANDLE,
};

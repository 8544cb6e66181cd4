import type { NodeEngine } from "../engine-kit";
import { DEFAULT_HANDLE } from "../shared";
import { emitMessage } from "./render";
import type { MessageNode } from "./schema";

export const messageEngine: NodeEngine<MessageNode> = {
  enter(run, node) {
    emitMessage(run, node);
    return DEFAULT_HANDLE;
  },
};

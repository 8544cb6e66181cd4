import { type NodeEngine, chooseOption, promptAndWait } from "../engine-kit";
import { listPrompt } from "./render";
import type { ListNode } from "./schema";

export const listEngine: NodeEngine<ListNode> = {
  enter: (run, node, rec) => promptAndWait(listEngine, run, node, rec),
  prompt: listPrompt,
  answer: (run, node, input, rec) => chooseOption(run, node.data.variable, input, rec),
};

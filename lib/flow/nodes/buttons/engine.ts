import { type NodeEngine, chooseOption, promptAndWait } from "../engine-kit";
import { buttonsPrompt } from "./render";
import type { ButtonsNode } from "./schema";

export const buttonsEngine: NodeEngine<ButtonsNode> = {
  enter: (run, node, rec) => promptAndWait(buttonsEngine, run, node, rec),
  prompt: buttonsPrompt,
  answer: (run, node, input, rec) => chooseOption(run, node.data.variable, input, rec),
};

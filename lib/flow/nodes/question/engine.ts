import { checkAnswer } from "../../values";
import { type NodeEngine, StepFailure, promptAndWait } from "../engine-kit";
import { DEFAULT_HANDLE } from "../shared";
import { questionPrompt } from "./render";
import type { QuestionNode } from "./schema";

export const questionEngine: NodeEngine<QuestionNode> = {
  enter: (run, node, rec) => promptAndWait(questionEngine, run, node, rec),
  prompt: questionPrompt,
  answer(run, node, input) {
    const raw = input.kind === "text" ? input.text : (input.title ?? input.id);
    const verdict = checkAnswer(typeof raw === "string" ? raw : "", node.data.validation);
    if (verdict === "bad_pattern") {
      throw new StepFailure("runtime", `The validation pattern of question "${node.id}" is not a valid regular expression`, node.id);
    }
    if (verdict === "invalid") return null;
    const value = raw.trim();
    run.set("input", value);
    if (node.data.variable) run.set(node.data.variable, value);
    return DEFAULT_HANDLE;
  },
  invalidText: (node) => node.data.errorText,
};

import { isAnswerMediaKind, mediaAnswerVariables, mediaKindAllowed, mediaUrl } from "../../media-answer";
import { checkAnswer } from "../../values";
import { type NodeEngine, StepFailure, promptAndWait } from "../engine-kit";
import { DEFAULT_HANDLE } from "../shared";
import { questionPrompt } from "./render";
import type { QuestionNode } from "./schema";

export const questionEngine: NodeEngine<QuestionNode> = {
  enter: (run, node, rec) => promptAndWait(questionEngine, run, node, rec),
  prompt: questionPrompt,
  answer(run, node, input) {
    // A question that asks for a file takes no text (nor a button), whatever it says.
    if (node.data.validation.kind === "media") return null;
    const raw = input.kind === "text" ? input.text : (input.title ?? input.id);
    const verdict = checkAnswer(typeof raw === "string" ? raw : "", node.data.validation);
    if (verdict === "bad_pattern") {
      throw new StepFailure("runtime", `The validation pattern of question "${node.id}" is not a valid regular expression`, node.id);
    }
    if (verdict === "invalid") return null;
    const value = raw.trim();
    run.set("input", value);
    if (node.data.variable) run.set(node.data.variable, value);
    if (node.data.contactField) run.saveContactField(node.id, node.data.contactField, value);
    return DEFAULT_HANDLE;
  },
  answerMedia(run, node, input) {
    const v = node.data.validation;
    // Only a question asking for a file takes one; its caption is not a text answer.
    const kind = input.mediaKind;
    if (v.kind !== "media" || !input.mediaId || !isAnswerMediaKind(kind) || !mediaKindAllowed(kind, v.allowedKinds)) return null;
    const vars = mediaAnswerVariables(node.data.variable, {
      id: input.mediaId,
      url: mediaUrl(input.mediaId),
      kind,
      filename: input.filename,
      caption: input.caption,
    });
    run.set("input", vars[0][1]);
    if (node.data.variable) for (const [name, value] of vars) run.set(name, value);
    return DEFAULT_HANDLE;
  },
  invalidText: (node) => node.data.errorText,
};

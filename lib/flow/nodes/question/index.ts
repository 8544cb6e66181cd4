/** The `question` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/question). */
import type { NodeDefinition } from "../definition";
import { questionEngine } from "./engine";
import { questionLint } from "./lint";
import { type QuestionNode, questionShape } from "./schema";

export const questionDefinition: NodeDefinition<QuestionNode> = { type: "question", ...questionShape, ...questionLint, ...questionEngine };

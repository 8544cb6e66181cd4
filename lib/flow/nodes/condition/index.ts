/** The `condition` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/condition). */
import type { NodeDefinition } from "../definition";
import { conditionEngine } from "./engine";
import { conditionLint } from "./lint";
import { type ConditionNode, conditionShape } from "./schema";

export const conditionDefinition: NodeDefinition<ConditionNode> = { type: "condition", ...conditionShape, ...conditionLint, ...conditionEngine };

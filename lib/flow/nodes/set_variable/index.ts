/** The `set_variable` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/set_variable). */
import type { NodeDefinition } from "../definition";
import { setVariableEngine } from "./engine";
import { setVariableLint } from "./lint";
import { type SetVariableNode, setVariableShape } from "./schema";

export const setVariableDefinition: NodeDefinition<SetVariableNode> = { type: "set_variable", ...setVariableShape, ...setVariableLint, ...setVariableEngine };

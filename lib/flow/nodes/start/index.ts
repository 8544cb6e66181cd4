/** The `start` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/start). */
import type { NodeDefinition } from "../definition";
import { startEngine } from "./engine";
import { startLint } from "./lint";
import { type StartNode, startShape } from "./schema";

export const startDefinition: NodeDefinition<StartNode> = { type: "start", ...startShape, ...startLint, ...startEngine };

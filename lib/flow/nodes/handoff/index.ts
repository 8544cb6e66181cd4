/** The `handoff` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/handoff). */
import type { NodeDefinition } from "../definition";
import { handoffEngine } from "./engine";
import { handoffLint } from "./lint";
import { type HandoffNode, handoffShape } from "./schema";

export const handoffDefinition: NodeDefinition<HandoffNode> = { type: "handoff", ...handoffShape, ...handoffLint, ...handoffEngine };

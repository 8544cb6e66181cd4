/** The `end` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/end). */
import type { NodeDefinition } from "../definition";
import { endEngine } from "./engine";
import { endLint } from "./lint";
import { type EndNode, endShape } from "./schema";

export const endDefinition: NodeDefinition<EndNode> = { type: "end", ...endShape, ...endLint, ...endEngine };

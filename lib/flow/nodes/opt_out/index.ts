/** The `opt_out` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/opt_out). */
import type { NodeDefinition } from "../definition";
import { optOutEngine } from "./engine";
import { optOutLint } from "./lint";
import { type OptOutNode, optOutShape } from "./schema";

export const optOutDefinition: NodeDefinition<OptOutNode> = { type: "opt_out", ...optOutShape, ...optOutLint, ...optOutEngine };

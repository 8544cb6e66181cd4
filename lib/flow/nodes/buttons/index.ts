/** The `buttons` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/buttons). */
import type { NodeDefinition } from "../definition";
import { buttonsEngine } from "./engine";
import { buttonsLint } from "./lint";
import { type ButtonsNode, buttonsShape } from "./schema";

export const buttonsDefinition: NodeDefinition<ButtonsNode> = { type: "buttons", ...buttonsShape, ...buttonsLint, ...buttonsEngine };

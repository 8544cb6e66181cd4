/** The `message` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/message). */
import type { NodeDefinition } from "../definition";
import { messageEngine } from "./engine";
import { messageLint } from "./lint";
import { type MessageNode, messageShape } from "./schema";

export const messageDefinition: NodeDefinition<MessageNode> = { type: "message", ...messageShape, ...messageLint, ...messageEngine };

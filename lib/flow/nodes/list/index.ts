/** The `list` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/list). */
import type { NodeDefinition } from "../definition";
import { listEngine } from "./engine";
import { listLint } from "./lint";
import { type ListNode, listShape } from "./schema";

export const listDefinition: NodeDefinition<ListNode> = { type: "list", ...listShape, ...listLint, ...listEngine };

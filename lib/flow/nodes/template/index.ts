/** The `template` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/template). */
import type { NodeDefinition } from "../definition";
import { templateEngine } from "./engine";
import { templateLint } from "./lint";
import { type TemplateNode, templateShape } from "./schema";

export const templateDefinition: NodeDefinition<TemplateNode> = { type: "template", ...templateShape, ...templateLint, ...templateEngine };

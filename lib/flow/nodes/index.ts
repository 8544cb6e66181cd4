/**
 * The node registry: each node type's schema, lint and engine step, from its own folder
 * (`./<type>/`). Pure and browser-safe (the editor lints live); it never imports React —
 * the canvas cards and inspector forms have their own registry in
 * `components/flow-editor/nodes/registry.ts`.
 *
 * Adding a node type: a folder here (schema.ts, lint.ts, engine.ts, index.ts), a folder in
 * components/flow-editor/nodes (card.tsx, form.tsx, meta.ts), and one line in each
 * registry (this file, ./schemas.ts, and the editor's registry).
 */
import { buttonsDefinition } from "./buttons";
import { conditionDefinition } from "./condition";
import type { NodeDefinition } from "./definition";
import { endDefinition } from "./end";
import { handoffDefinition } from "./handoff";
import { httpRequestDefinition } from "./http_request";
import { listDefinition } from "./list";
import { messageDefinition } from "./message";
import { optOutDefinition } from "./opt_out";
import { templateDefinition } from "./template";
import { questionDefinition } from "./question";
import type { FlowNode, NodeOfType, NodeType } from "./schemas";
import { setVariableDefinition } from "./set_variable";
import { startDefinition } from "./start";

export type { NodeDefinition } from "./definition";

export const NODE_REGISTRY: { readonly [T in NodeType]: NodeDefinition<NodeOfType<T>> } = {
  start: startDefinition,
  message: messageDefinition,
  buttons: buttonsDefinition,
  list: listDefinition,
  question: questionDefinition,
  condition: conditionDefinition,
  set_variable: setVariableDefinition,
  http_request: httpRequestDefinition,
  handoff: handoffDefinition,
  end: endDefinition,
  opt_out: optOutDefinition,
  template: templateDefinition,
};

/**
 * The definition of a node's type, typed for that node; undefined for a type this build
 * does not know (a document from a newer editor).
 */
export function definitionOf<N extends FlowNode>(node: N): NodeDefinition<N> | undefined {
  return (NODE_REGISTRY as Record<string, NodeDefinition<N> | undefined>)[node.type];
}

/**
 * The schema registry: every node type's parser and connection facts, by type. Pure and
 * free of behaviour so that `../schema` can build the document parser from it. Adding a
 * node type: create its folder (schema, lint, engine, card, form) and list it here, in
 * `./index` and in `components/flow-editor/nodes/registry`.
 */
import { z } from "zod";
import { buttonsNodeSchema, buttonsShape } from "./buttons/schema";
import { conditionNodeSchema, conditionShape } from "./condition/schema";
import { endNodeSchema, endShape } from "./end/schema";
import { handoffNodeSchema, handoffShape } from "./handoff/schema";
import { httpRequestNodeSchema, httpRequestShape } from "./http_request/schema";
import { listNodeSchema, listShape } from "./list/schema";
import { messageNodeSchema, messageShape } from "./message/schema";
import { optOutNodeSchema, optOutShape } from "./opt_out/schema";
import { templateNodeSchema, templateShape } from "./template/schema";
import { questionNodeSchema, questionShape } from "./question/schema";
import { setVariableNodeSchema, setVariableShape } from "./set_variable/schema";
import type { NodeShape } from "./shared";
import { startNodeSchema, startShape } from "./start/schema";

export const flowNodeSchema = z.discriminatedUnion("type", [
  startNodeSchema,
  messageNodeSchema,
  buttonsNodeSchema,
  listNodeSchema,
  questionNodeSchema,
  conditionNodeSchema,
  setVariableNodeSchema,
  httpRequestNodeSchema,
  handoffNodeSchema,
  endNodeSchema,
  optOutNodeSchema,
  templateNodeSchema,
]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type NodeType = FlowNode["type"];
/** The node of a given type, e.g. `NodeOfType<"buttons">`. */
export type NodeOfType<T extends NodeType> = Extract<FlowNode, { type: T }>;

export const NODE_SHAPES: { readonly [T in NodeType]: NodeShape<NodeOfType<T>> } = {
  start: startShape,
  message: messageShape,
  buttons: buttonsShape,
  list: listShape,
  question: questionShape,
  condition: conditionShape,
  set_variable: setVariableShape,
  http_request: httpRequestShape,
  handoff: handoffShape,
  end: endShape,
  opt_out: optOutShape,
  template: templateShape,
};

/** The shape of a node's type; undefined for a type this build does not know. */
export function shapeOf<N extends FlowNode>(node: N): NodeShape<N> | undefined {
  return (NODE_SHAPES as Record<string, NodeShape<N> | undefined>)[node.type];
}

/**
 * The flow document: the single definition shared by the editor (which saves React Flow's
 * shape), the publish lint and the engine. Parsing is deliberately lenient about content
 * (lengths, counts, missing edges) so that a half-finished draft can always be saved;
 * those problems are reported by `lintFlow`. Only structural problems fail parsing.
 */
import { z } from "zod";
import { type FlowNode, NODE_SHAPES, type NodeOfType, type NodeType, flowNodeSchema } from "./nodes/schemas";
import { DEFAULT_HANDLE, INVALID_HANDLE, type NodeShape } from "./nodes/shared";

export const SUPPORTED_SCHEMA_VERSIONS = [1] as const;
export type SchemaVersion = (typeof SUPPORTED_SCHEMA_VERSIONS)[number];
export const CURRENT_SCHEMA_VERSION: SchemaVersion = 1;

export {
  DEFAULT_HANDLE,
  ELSE_HANDLE,
  ERROR_HANDLE,
  INVALID_HANDLE,
  SUCCESS_HANDLE,
  WHATSAPP_LIMITS,
  optionSchema,
  positionSchema,
  type ButtonOption,
  type Position,
} from "./nodes/shared";
export * from "./nodes/start/schema";
export * from "./nodes/message/schema";
export * from "./nodes/buttons/schema";
export * from "./nodes/list/schema";
export * from "./nodes/question/schema";
export * from "./nodes/condition/schema";
export * from "./nodes/set_variable/schema";
export * from "./nodes/http_request/schema";
export * from "./nodes/handoff/schema";
export * from "./nodes/end/schema";
export * from "./nodes/opt_out/schema";
export * from "./nodes/template/schema";
export { flowNodeSchema, type FlowNode, type NodeOfType, type NodeType } from "./nodes/schemas";

/** Every node type, in palette order. Each lives in its own folder under ./nodes. */
export const NODE_TYPES = Object.keys(NODE_SHAPES) as readonly NodeType[];

/** Nodes that stop and wait for the customer's answer. */
export function isWaitingNode(type: string): boolean {
  return (NODE_SHAPES as Record<string, NodeShape<FlowNode> | undefined>)[type]?.waiting === true;
}

/** Nodes after which the bot no longer runs (no outgoing handles). */
export function isTerminalNode(type: string): boolean {
  return (NODE_SHAPES as Record<string, NodeShape<FlowNode> | undefined>)[type]?.terminal === true;
}

/** Node data by type, e.g. `NodeData<"list">`. */
export type NodeData<T extends NodeType> = NodeOfType<T>["data"];

export const flowEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string(),
  target: z.string(),
  /** null/undefined/"default" all mean the single output of a one-output node. */
  sourceHandle: z.string().nullable().optional(),
  targetHandle: z.string().nullable().optional(),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

// ---------------------------------------------------------------------------------------
// Settings

export const DEFAULT_INVALID_INPUT_MESSAGE = "No entendí. Elige una de las opciones, por favor.";

const keywordsField = { keywords: z.array(z.string()).default([]), text: z.string().optional() };

export const globalKeywordSchema = z.discriminatedUnion("action", [
  z.object({ ...keywordsField, action: z.literal("restart") }),
  z.object({ ...keywordsField, action: z.literal("handoff"), queue: z.string().default("") }),
  /** Closes the conversation (e.g. "salir", "sair", "stop"). */
  z.object({ ...keywordsField, action: z.literal("end") }),
]);
export type GlobalKeyword = z.infer<typeof globalKeywordSchema>;

export const flowSettingsSchema = z.object({
  sessionTimeoutMinutes: z.number().int().min(1).max(60 * 24 * 7).default(30),
  invalidInputMessage: z.string().default(DEFAULT_INVALID_INPUT_MESSAGE),
  maxInvalidAttempts: z.number().int().min(0).max(100).default(2),
  globalKeywords: z.array(globalKeywordSchema).default([]),
});
export type FlowSettings = z.infer<typeof flowSettingsSchema>;

export function defaultFlowSettings(): FlowSettings {
  return {
    sessionTimeoutMinutes: 30,
    invalidInputMessage: DEFAULT_INVALID_INPUT_MESSAGE,
    maxInvalidAttempts: 2,
    globalKeywords: [],
  };
}

// ---------------------------------------------------------------------------------------
// Document

const supportedList = SUPPORTED_SCHEMA_VERSIONS.join(", ");

export const schemaVersionSchema = z.literal([...SUPPORTED_SCHEMA_VERSIONS], {
  error: (issue) =>
    issue.input === undefined
      ? `schemaVersion is required; this Atendo understands version ${supportedList}`
      : `Unsupported schemaVersion ${JSON.stringify(issue.input)}; this Atendo understands version ${supportedList}`,
});

export const flowDocumentSchema = z.object({
  schemaVersion: schemaVersionSchema,
  settings: flowSettingsSchema.default(defaultFlowSettings),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema).default([]),
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
/** What may be fed to `flowDocumentSchema.parse` (defaults not yet applied). */
export type FlowDocumentInput = z.input<typeof flowDocumentSchema>;

export function emptyFlowDocument(): FlowDocument {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: defaultFlowSettings(),
    nodes: [{ id: "start", type: "start", position: { x: 0, y: 0 }, data: {} }],
    edges: [],
  };
}

/** JSON Schema (draft 2020-12) of what the parser accepts, for the docs and flows-as-code. */
export function flowJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(flowDocumentSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------
// Handles

/** The handle id an edge leaves from; null/undefined map to "default". */
export function edgeHandle(edge: Pick<FlowEdge, "sourceHandle">): string {
  const h = edge.sourceHandle;
  return h === null || h === undefined || h === "" ? DEFAULT_HANDLE : h;
}

/** The outgoing handle ids a node has, in display order. */
export function nodeHandles(node: FlowNode): string[] {
  return (NODE_SHAPES[node.type] as NodeShape<FlowNode>).handles(node);
}

/** Handles whose missing edge is not a dead end (the engine re-prompts instead). */
export function isOptionalHandle(node: FlowNode, handle: string): boolean {
  return handle === INVALID_HANDLE && isWaitingNode(node.type);
}

/** Handle ids reserved per node type: option/rule ids equal to these would be ambiguous. */
export function reservedHandleIds(type: NodeType): readonly string[] {
  return NODE_SHAPES[type]?.reservedHandles ?? [];
}

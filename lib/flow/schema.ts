/**
 * The flow document: the single definition shared by the editor (which saves React Flow's
 * shape), the publish lint and the engine. Parsing is deliberately lenient about content
 * (lengths, counts, missing edges) so that a half-finished draft can always be saved;
 * those problems are reported by `lintFlow`. Only structural problems fail parsing.
 */
import { z } from "zod";

export const SUPPORTED_SCHEMA_VERSIONS = [1] as const;
export type SchemaVersion = (typeof SUPPORTED_SCHEMA_VERSIONS)[number];
export const CURRENT_SCHEMA_VERSION: SchemaVersion = 1;

/**
 * WhatsApp Cloud API limits the lint enforces and the renderer clamps to. Lengths are
 * counted in Unicode code points (what a marketer perceives as characters, emoji aside).
 */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  buttonsBody: 1024,
  listBody: 4096,
  header: 60,
  footer: 60,
  buttonsMin: 1,
  buttonsMax: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButtonLabel: 20,
  listSectionsMax: 10,
  listRowsMax: 10,
  listSectionTitle: 24,
  listRowTitle: 24,
  listRowDescription: 72,
  listRowId: 200,
  mediaCaption: 1024,
} as const;

export const NODE_TYPES = [
  "start",
  "message",
  "buttons",
  "list",
  "question",
  "condition",
  "set_variable",
  "http_request",
  "handoff",
  "end",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** Handle ids with a fixed meaning; option/rule ids must not reuse them. */
export const DEFAULT_HANDLE = "default";
export const INVALID_HANDLE = "invalid";
export const ELSE_HANDLE = "else";
export const SUCCESS_HANDLE = "success";
export const ERROR_HANDLE = "error";

const WAITING_TYPES: ReadonlySet<string> = new Set<NodeType>(["buttons", "list", "question"]);
const TERMINAL_TYPES: ReadonlySet<string> = new Set<NodeType>(["handoff", "end"]);

/** Nodes that stop and wait for the customer's answer. */
export function isWaitingNode(type: string): boolean {
  return WAITING_TYPES.has(type);
}

/** Nodes after which the bot no longer runs (no outgoing handles). */
export function isTerminalNode(type: string): boolean {
  return TERMINAL_TYPES.has(type);
}

// ---------------------------------------------------------------------------------------
// Node data

// An optional display name the editor may show on the card; ignored by the engine.
const labelField = { label: z.string().optional() };

export const mediaKindSchema = z.enum(["image", "video", "audio", "document"]);
export type MediaKind = z.infer<typeof mediaKindSchema>;

export const mediaSchema = z.object({
  kind: mediaKindSchema,
  url: z.string(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});
export type Media = z.infer<typeof mediaSchema>;

export const startNodeDataSchema = z.object({ ...labelField });
export type StartNodeData = z.infer<typeof startNodeDataSchema>;

export const messageNodeDataSchema = z.object({
  ...labelField,
  text: z.string().default(""),
  media: mediaSchema.optional(),
});
export type MessageNodeData = z.infer<typeof messageNodeDataSchema>;

export const optionSchema = z.object({ id: z.string(), title: z.string() });
export type ButtonOption = z.infer<typeof optionSchema>;

export const buttonsNodeDataSchema = z.object({
  ...labelField,
  text: z.string().default(""),
  header: z.string().optional(),
  footer: z.string().optional(),
  buttons: z.array(optionSchema).default([]),
  /** Optional: also store the chosen option's title in this flow variable. */
  variable: z.string().optional(),
});
export type ButtonsNodeData = z.infer<typeof buttonsNodeDataSchema>;

export const listRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
});
export type ListRow = z.infer<typeof listRowSchema>;

export const listSectionSchema = z.object({
  title: z.string().optional(),
  rows: z.array(listRowSchema).default([]),
});
export type ListSection = z.infer<typeof listSectionSchema>;

export const listNodeDataSchema = z.object({
  ...labelField,
  text: z.string().default(""),
  header: z.string().optional(),
  footer: z.string().optional(),
  buttonLabel: z.string().default(""),
  sections: z.array(listSectionSchema).default([]),
  /** Optional: also store the chosen row's title in this flow variable. */
  variable: z.string().optional(),
});
export type ListNodeData = z.infer<typeof listNodeDataSchema>;

export const VALIDATION_KINDS = ["any", "text", "number", "email", "phone", "date", "regex"] as const;
export type ValidationKind = (typeof VALIDATION_KINDS)[number];

export const questionValidationSchema = z.object({
  kind: z.enum(VALIDATION_KINDS).default("any"),
  /** `regex` only. Compiled without flags (case-sensitive). */
  pattern: z.string().optional(),
  /** `number`: value bounds; `text`: length bounds. */
  min: z.number().optional(),
  max: z.number().optional(),
});
export type QuestionValidation = z.infer<typeof questionValidationSchema>;

export const questionNodeDataSchema = z.object({
  ...labelField,
  text: z.string().default(""),
  variable: z.string().default(""),
  validation: questionValidationSchema.default({ kind: "any" }),
  errorText: z.string().optional(),
});
export type QuestionNodeData = z.infer<typeof questionNodeDataSchema>;

export const CONDITION_OPERATORS = [
  "equals",
  "not_equals",
  "contains",
  "starts_with",
  "matches",
  "gt",
  "gte",
  "lt",
  "lte",
  "is_set",
  "is_empty",
  "business_hours",
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];
/** Operators that compare against `value` (and therefore need one). */
export const VALUE_OPERATORS: ReadonlySet<ConditionOperator> = new Set<ConditionOperator>([
  "equals",
  "not_equals",
  "contains",
  "starts_with",
  "matches",
  "gt",
  "gte",
  "lt",
  "lte",
]);
export const NUMERIC_OPERATORS: ReadonlySet<ConditionOperator> = new Set<ConditionOperator>(["gt", "gte", "lt", "lte"]);

export const conditionRuleSchema = z.object({
  id: z.string(),
  /** Unused by `business_hours`. */
  variable: z.string().default(""),
  operator: z.enum(CONDITION_OPERATORS),
  /** A template. `business_hours`: "open" (default) or "closed". */
  value: z.string().optional(),
});
export type ConditionRule = z.infer<typeof conditionRuleSchema>;

export const conditionNodeDataSchema = z.object({
  ...labelField,
  rules: z.array(conditionRuleSchema).default([]),
});
export type ConditionNodeData = z.infer<typeof conditionNodeDataSchema>;

export const setVariableNodeDataSchema = z.object({
  ...labelField,
  variable: z.string().default(""),
  value: z.string().default(""),
});
export type SetVariableNodeData = z.infer<typeof setVariableNodeDataSchema>;

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const HTTP_TIMEOUT_MIN_MS = 100;
export const HTTP_TIMEOUT_MAX_MS = 30_000;
export const HTTP_TIMEOUT_DEFAULT_MS = 10_000;

export const httpSaveSchema = z.object({
  variable: z.string(),
  /** Dot/bracket path into the JSON response, e.g. `items[0].name`. */
  path: z.string(),
});
export type HttpSave = z.infer<typeof httpSaveSchema>;

export const httpRequestNodeDataSchema = z.object({
  ...labelField,
  method: z.enum(HTTP_METHODS).default("GET"),
  url: z.string().default(""),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  timeoutMs: z.number().int().min(HTTP_TIMEOUT_MIN_MS).max(HTTP_TIMEOUT_MAX_MS).default(HTTP_TIMEOUT_DEFAULT_MS),
  save: z.array(httpSaveSchema).default([]),
});
export type HttpRequestNodeData = z.infer<typeof httpRequestNodeDataSchema>;

export const handoffNodeDataSchema = z.object({
  ...labelField,
  queue: z.string().default(""),
  text: z.string().optional(),
  /** Said instead of `text` outside business hours (then the workspace's "we are closed" follows). */
  outsideHoursText: z.string().optional(),
  /**
   * When the customer quoted one of their earlier protocols: hand off to that conversation's
   * queue (preferring the agent who served it, when available); `queue` otherwise.
   */
  returnToQuoted: z.boolean().optional(),
  /** Internal note for the agent (a template); never sent to the customer. */
  note: z.string().optional(),
});
export type HandoffNodeData = z.infer<typeof handoffNodeDataSchema>;

export const endNodeDataSchema = z.object({ ...labelField, text: z.string().optional() });
export type EndNodeData = z.infer<typeof endNodeDataSchema>;

// ---------------------------------------------------------------------------------------
// Nodes and edges. Unknown keys (React Flow's `width`, `measured`, `selected`, `dragging`…)
// are accepted and stripped: they are editor view state, not part of the flow.

export const positionSchema = z.object({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof positionSchema>;

const nodeBase = { id: z.string().min(1), position: positionSchema };

export const startNodeSchema = z.object({ ...nodeBase, type: z.literal("start"), data: startNodeDataSchema.prefault({}) });
export const messageNodeSchema = z.object({ ...nodeBase, type: z.literal("message"), data: messageNodeDataSchema.prefault({}) });
export const buttonsNodeSchema = z.object({ ...nodeBase, type: z.literal("buttons"), data: buttonsNodeDataSchema.prefault({}) });
export const listNodeSchema = z.object({ ...nodeBase, type: z.literal("list"), data: listNodeDataSchema.prefault({}) });
export const questionNodeSchema = z.object({ ...nodeBase, type: z.literal("question"), data: questionNodeDataSchema.prefault({}) });
export const conditionNodeSchema = z.object({ ...nodeBase, type: z.literal("condition"), data: conditionNodeDataSchema.prefault({}) });
export const setVariableNodeSchema = z.object({
  ...nodeBase,
  type: z.literal("set_variable"),
  data: setVariableNodeDataSchema.prefault({}),
});
export const httpRequestNodeSchema = z.object({
  ...nodeBase,
  type: z.literal("http_request"),
  data: httpRequestNodeDataSchema.prefault({}),
});
export const handoffNodeSchema = z.object({ ...nodeBase, type: z.literal("handoff"), data: handoffNodeDataSchema.prefault({}) });
export const endNodeSchema = z.object({ ...nodeBase, type: z.literal("end"), data: endNodeDataSchema.prefault({}) });

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
]);

export type StartNode = z.infer<typeof startNodeSchema>;
export type MessageNode = z.infer<typeof messageNodeSchema>;
export type ButtonsNode = z.infer<typeof buttonsNodeSchema>;
export type ListNode = z.infer<typeof listNodeSchema>;
export type QuestionNode = z.infer<typeof questionNodeSchema>;
export type ConditionNode = z.infer<typeof conditionNodeSchema>;
export type SetVariableNode = z.infer<typeof setVariableNodeSchema>;
export type HttpRequestNode = z.infer<typeof httpRequestNodeSchema>;
export type HandoffNode = z.infer<typeof handoffNodeSchema>;
export type EndNode = z.infer<typeof endNodeSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
/** The node of a given type, e.g. `NodeOfType<"buttons">`. */
export type NodeOfType<T extends NodeType> = Extract<FlowNode, { type: T }>;
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
  switch (node.type) {
    case "start":
    case "message":
    case "set_variable":
      return [DEFAULT_HANDLE];
    case "buttons":
      return [...node.data.buttons.map((b) => b.id), INVALID_HANDLE];
    case "list": {
      const ids: string[] = [];
      for (const section of node.data.sections) for (const row of section.rows) ids.push(row.id);
      ids.push(INVALID_HANDLE);
      return ids;
    }
    case "question":
      return [DEFAULT_HANDLE, INVALID_HANDLE];
    case "condition":
      return [...node.data.rules.map((r) => r.id), ELSE_HANDLE];
    case "http_request":
      return [SUCCESS_HANDLE, ERROR_HANDLE];
    case "handoff":
    case "end":
      return [];
  }
}

/** Handles whose missing edge is not a dead end (the engine re-prompts instead). */
export function isOptionalHandle(node: FlowNode, handle: string): boolean {
  return handle === INVALID_HANDLE && isWaitingNode(node.type);
}

/** Handle ids reserved per node type: option/rule ids equal to these would be ambiguous. */
export function reservedHandleIds(type: NodeType): readonly string[] {
  switch (type) {
    case "buttons":
    case "list":
      return [INVALID_HANDLE, DEFAULT_HANDLE];
    case "condition":
      return [ELSE_HANDLE, DEFAULT_HANDLE];
    default:
      return [];
  }
}

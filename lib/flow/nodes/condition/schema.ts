import { z } from "zod";
import { DEFAULT_HANDLE, ELSE_HANDLE, NO_WRITES, type NodeShape, labelField, nodeBase } from "../shared";

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

export const conditionNodeSchema = z.object({ ...nodeBase, type: z.literal("condition"), data: conditionNodeDataSchema.prefault({}) });
export type ConditionNode = z.infer<typeof conditionNodeSchema>;

export const conditionShape: NodeShape<ConditionNode> = {
  handles: (node) => [...node.data.rules.map((r) => r.id), ELSE_HANDLE],
  reservedHandles: [ELSE_HANDLE, DEFAULT_HANDLE],
  waiting: false,
  terminal: false,
  writes: NO_WRITES,
};

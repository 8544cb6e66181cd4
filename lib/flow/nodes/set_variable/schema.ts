import { z } from "zod";
import { DEFAULT_HANDLE, type NodeShape, labelField, nodeBase } from "../shared";

export const setVariableNodeDataSchema = z.object({
  ...labelField,
  variable: z.string().default(""),
  value: z.string().default(""),
  /** Also save the value into this contact profile field (its key), kept after the conversation. */
  contactField: z.string().optional(),
});
export type SetVariableNodeData = z.infer<typeof setVariableNodeDataSchema>;

export const setVariableNodeSchema = z.object({
  ...nodeBase,
  type: z.literal("set_variable"),
  data: setVariableNodeDataSchema.prefault({}),
});
export type SetVariableNode = z.infer<typeof setVariableNodeSchema>;

export const setVariableShape: NodeShape<SetVariableNode> = {
  handles: () => [DEFAULT_HANDLE],
  reservedHandles: [],
  waiting: false,
  terminal: false,
  writes: (node) => [node.data.variable],
};

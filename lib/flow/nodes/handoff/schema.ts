import { z } from "zod";
import { NO_WRITES, type NodeShape, labelField, nodeBase } from "../shared";

export const handoffNodeDataSchema = z.object({
  ...labelField,
  queue: z.string().default(""),
  text: z.string().optional(),
  /** Internal note for the agent (a template); never sent to the customer. */
  note: z.string().optional(),
});
export type HandoffNodeData = z.infer<typeof handoffNodeDataSchema>;

export const handoffNodeSchema = z.object({ ...nodeBase, type: z.literal("handoff"), data: handoffNodeDataSchema.prefault({}) });
export type HandoffNode = z.infer<typeof handoffNodeSchema>;

export const handoffShape: NodeShape<HandoffNode> = {
  handles: () => [],
  reservedHandles: [],
  waiting: false,
  terminal: true,
  writes: NO_WRITES,
};

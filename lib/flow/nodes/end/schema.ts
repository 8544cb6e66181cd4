import { z } from "zod";
import { NO_WRITES, type NodeShape, labelField, nodeBase } from "../shared";

export const endNodeDataSchema = z.object({ ...labelField, text: z.string().optional() });
export type EndNodeData = z.infer<typeof endNodeDataSchema>;

export const endNodeSchema = z.object({ ...nodeBase, type: z.literal("end"), data: endNodeDataSchema.prefault({}) });
export type EndNode = z.infer<typeof endNodeSchema>;

export const endShape: NodeShape<EndNode> = {
  handles: () => [],
  reservedHandles: [],
  waiting: false,
  terminal: true,
  writes: NO_WRITES,
};

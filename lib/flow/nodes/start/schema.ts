import { z } from "zod";
import { DEFAULT_HANDLE, NO_WRITES, type NodeShape, labelField, nodeBase } from "../shared";

export const startNodeDataSchema = z.object({ ...labelField });
export type StartNodeData = z.infer<typeof startNodeDataSchema>;

export const startNodeSchema = z.object({ ...nodeBase, type: z.literal("start"), data: startNodeDataSchema.prefault({}) });
export type StartNode = z.infer<typeof startNodeSchema>;

export const startShape: NodeShape<StartNode> = {
  handles: () => [DEFAULT_HANDLE],
  reservedHandles: [],
  waiting: false,
  terminal: false,
  writes: NO_WRITES,
};

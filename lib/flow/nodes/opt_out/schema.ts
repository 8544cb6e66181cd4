import { z } from "zod";
import { DEFAULT_HANDLE, NO_WRITES, type NodeShape, labelField, nodeBase } from "../shared";

/**
 * Marks the contact opted out of marketing (`opt_out`) or back in (`opt_in`), e.g. after a
 * "Stop receiving offers" button (docs/outreach.md). `text` is said to the customer; empty:
 * the workspace's confirmation.
 */
export const optOutNodeDataSchema = z.object({
  ...labelField,
  action: z.enum(["opt_out", "opt_in"]).default("opt_out"),
  text: z.string().optional(),
});
export type OptOutNodeData = z.infer<typeof optOutNodeDataSchema>;

export const optOutNodeSchema = z.object({ ...nodeBase, type: z.literal("opt_out"), data: optOutNodeDataSchema.prefault({}) });
export type OptOutNode = z.infer<typeof optOutNodeSchema>;

export const optOutShape: NodeShape<OptOutNode> = {
  handles: () => [DEFAULT_HANDLE],
  reservedHandles: [],
  waiting: false,
  terminal: false,
  writes: NO_WRITES,
};

import { z } from "zod";
import { NO_WRITES, type NodeShape, labelField, nodeBase } from "../shared";

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

export const handoffNodeSchema = z.object({ ...nodeBase, type: z.literal("handoff"), data: handoffNodeDataSchema.prefault({}) });
export type HandoffNode = z.infer<typeof handoffNodeSchema>;

export const handoffShape: NodeShape<HandoffNode> = {
  handles: () => [],
  reservedHandles: [],
  waiting: false,
  terminal: true,
  writes: NO_WRITES,
};

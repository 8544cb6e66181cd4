import { z } from "zod";
import { mediaSourceFields } from "../media-source";
import { DEFAULT_HANDLE, NO_WRITES, type NodeShape, labelField, nodeBase } from "../shared";

export const mediaKindSchema = z.enum(["image", "video", "audio", "document"]);
export type MediaKind = z.infer<typeof mediaKindSchema>;

export const mediaSchema = z.object({
  kind: mediaKindSchema,
  ...mediaSourceFields,
  caption: z.string().optional(),
  filename: z.string().optional(),
});
export type Media = z.infer<typeof mediaSchema>;

export const messageNodeDataSchema = z.object({
  ...labelField,
  text: z.string().default(""),
  media: mediaSchema.optional(),
});
export type MessageNodeData = z.infer<typeof messageNodeDataSchema>;

export const messageNodeSchema = z.object({ ...nodeBase, type: z.literal("message"), data: messageNodeDataSchema.prefault({}) });
export type MessageNode = z.infer<typeof messageNodeSchema>;

export const messageShape: NodeShape<MessageNode> = {
  handles: () => [DEFAULT_HANDLE],
  reservedHandles: [],
  waiting: false,
  terminal: false,
  writes: NO_WRITES,
};

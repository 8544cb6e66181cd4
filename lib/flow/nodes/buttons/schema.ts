import { z } from "zod";
import { mediaSourceFields } from "../media-source";
import { DEFAULT_HANDLE, INVALID_HANDLE, type NodeShape, labelField, nodeBase, optionSchema } from "../shared";

/** WhatsApp allows an image, video or document header on reply buttons (not on lists). */
export const headerMediaSchema = z.object({
  kind: z.enum(["image", "video", "document"]),
  ...mediaSourceFields,
  filename: z.string().optional(),
});
export type HeaderMedia = z.infer<typeof headerMediaSchema>;

export const buttonsNodeDataSchema = z.object({
  ...labelField,
  text: z.string().default(""),
  header: z.string().optional(),
  /** Replaces the text header when set. */
  headerMedia: headerMediaSchema.optional(),
  footer: z.string().optional(),
  buttons: z.array(optionSchema).default([]),
  /** Optional: also store the chosen option's title in this flow variable. */
  variable: z.string().optional(),
});
export type ButtonsNodeData = z.infer<typeof buttonsNodeDataSchema>;

export const buttonsNodeSchema = z.object({ ...nodeBase, type: z.literal("buttons"), data: buttonsNodeDataSchema.prefault({}) });
export type ButtonsNode = z.infer<typeof buttonsNodeSchema>;

export const buttonsShape: NodeShape<ButtonsNode> = {
  handles: (node) => [...node.data.buttons.map((b) => b.id), INVALID_HANDLE],
  reservedHandles: [INVALID_HANDLE, DEFAULT_HANDLE],
  waiting: true,
  terminal: false,
  writes: (node) => (node.data.variable ? [node.data.variable] : []),
};

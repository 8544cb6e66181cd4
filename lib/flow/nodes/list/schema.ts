import { z } from "zod";
import { DEFAULT_HANDLE, INVALID_HANDLE, type NodeShape, labelField, nodeBase } from "../shared";

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

export const listNodeSchema = z.object({ ...nodeBase, type: z.literal("list"), data: listNodeDataSchema.prefault({}) });
export type ListNode = z.infer<typeof listNodeSchema>;

export const listShape: NodeShape<ListNode> = {
  handles: (node) => {
    const ids: string[] = [];
    for (const section of node.data.sections) for (const row of section.rows) ids.push(row.id);
    ids.push(INVALID_HANDLE);
    return ids;
  },
  reservedHandles: [INVALID_HANDLE, DEFAULT_HANDLE],
  waiting: true,
  terminal: false,
  writes: (node) => (node.data.variable ? [node.data.variable] : []),
};

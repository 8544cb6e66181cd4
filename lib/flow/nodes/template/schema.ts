import { z } from "zod";
import { templateComponentSchema } from "@/lib/contacts/templates/schema";
import { DEFAULT_HANDLE, NO_WRITES, type NodeShape, labelField, nodeBase } from "../shared";

/** The template as it was picked in the editor (the engine builds the send from it, with no database). */
export const flowTemplateSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  language: z.string(),
  category: z.string().optional(),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]).optional(),
  components: z.array(templateComponentSchema),
});
export type FlowTemplate = z.infer<typeof flowTemplateSchema>;

/**
 * Sends an approved WhatsApp template — the one message allowed where the customer's 24-hour
 * window may be closed (docs/outreach.md). Variables take `{{…}}` flow templates: `header` (a
 * text header's value or a media header's link), `body` in order, `buttons` (URL suffixes by
 * the button's index). A media header's file may instead come from the media library
 * (`headerMedia.libraryId`: uploaded to Meta once per channel and sent by its id; `header` is
 * not used while it is set). `skipped` is followed instead when it cannot go: a marketing template
 * to a contact who opted out, or a variable that came out empty.
 */
export const templateNodeDataSchema = z.object({
  ...labelField,
  template: flowTemplateSchema.optional(),
  header: z.string().optional(),
  headerMedia: z.object({ libraryId: z.string() }).optional(),
  body: z.array(z.string()).default([]),
  buttons: z.array(z.object({ index: z.number().int().min(0), text: z.string() })).default([]),
});
export type TemplateNodeData = z.infer<typeof templateNodeDataSchema>;

export const templateNodeSchema = z.object({ ...nodeBase, type: z.literal("template"), data: templateNodeDataSchema.prefault({}) });
export type TemplateNode = z.infer<typeof templateNodeSchema>;

export const TEMPLATE_SKIPPED_HANDLE = "skipped";

export const templateShape: NodeShape<TemplateNode> = {
  handles: () => [DEFAULT_HANDLE, TEMPLATE_SKIPPED_HANDLE],
  reservedHandles: [TEMPLATE_SKIPPED_HANDLE],
  waiting: false,
  terminal: false,
  writes: NO_WRITES,
};

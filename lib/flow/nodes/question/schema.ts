import { z } from "zod";
import { DEFAULT_HANDLE, INVALID_HANDLE, type NodeShape, labelField, nodeBase } from "../shared";

export const VALIDATION_KINDS = ["any", "text", "number", "email", "phone", "date", "regex"] as const;
export type ValidationKind = (typeof VALIDATION_KINDS)[number];

export const questionValidationSchema = z.object({
  kind: z.enum(VALIDATION_KINDS).default("any"),
  /** `regex` only. Compiled without flags (case-sensitive). */
  pattern: z.string().optional(),
  /** `number`: value bounds; `text`: length bounds. */
  min: z.number().optional(),
  max: z.number().optional(),
});
export type QuestionValidation = z.infer<typeof questionValidationSchema>;

export const questionNodeDataSchema = z.object({
  ...labelField,
  text: z.string().default(""),
  variable: z.string().default(""),
  validation: questionValidationSchema.default({ kind: "any" }),
  errorText: z.string().optional(),
});
export type QuestionNodeData = z.infer<typeof questionNodeDataSchema>;

export const questionNodeSchema = z.object({ ...nodeBase, type: z.literal("question"), data: questionNodeDataSchema.prefault({}) });
export type QuestionNode = z.infer<typeof questionNodeSchema>;

export const questionShape: NodeShape<QuestionNode> = {
  handles: () => [DEFAULT_HANDLE, INVALID_HANDLE],
  reservedHandles: [],
  waiting: true,
  terminal: false,
  writes: (node) => [node.data.variable],
};

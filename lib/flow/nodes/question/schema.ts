import { z } from "zod";
import { MEDIA_ANSWER_SUFFIXES } from "../../media-answer";
import { DEFAULT_HANDLE, INVALID_HANDLE, type NodeShape, labelField, nodeBase } from "../shared";

export const VALIDATION_KINDS = ["any", "text", "number", "email", "phone", "date", "regex", "media"] as const;
export type ValidationKind = (typeof VALIDATION_KINDS)[number];

/** The kinds of file a `media` question may accept (WhatsApp's inbound media types). */
export const ANSWER_MEDIA_KINDS = ["image", "document", "audio", "video", "sticker"] as const;
export type AnswerMediaKind = (typeof ANSWER_MEDIA_KINDS)[number];

export const questionValidationSchema = z.object({
  kind: z.enum(VALIDATION_KINDS).default("any"),
  /** `regex` only. Compiled without flags (case-sensitive). */
  pattern: z.string().optional(),
  /** `number`: value bounds; `text`: length bounds. */
  min: z.number().optional(),
  max: z.number().optional(),
  /**
   * `media` only: the file kinds accepted, or ["any"] for every kind. Strings, not an enum, so
   * that a document with a kind this version does not know still parses (lint reports it).
   */
  allowedKinds: z.array(z.string()).optional(),
});
export type QuestionValidation = z.infer<typeof questionValidationSchema>;

export const questionNodeDataSchema = z.object({
  ...labelField,
  text: z.string().default(""),
  variable: z.string().default(""),
  validation: questionValidationSchema.default({ kind: "any" }),
  errorText: z.string().optional(),
  /** Also save a valid answer into this contact profile field (its key), kept after the conversation. */
  contactField: z.string().optional(),
});
export type QuestionNodeData = z.infer<typeof questionNodeDataSchema>;

export const questionNodeSchema = z.object({ ...nodeBase, type: z.literal("question"), data: questionNodeDataSchema.prefault({}) });
export type QuestionNode = z.infer<typeof questionNodeSchema>;

export const questionShape: NodeShape<QuestionNode> = {
  handles: () => [DEFAULT_HANDLE, INVALID_HANDLE],
  reservedHandles: [],
  waiting: true,
  terminal: false,
  // A file answer also writes `var.id`, `var.url`, `var.kind`, `var.filename`, `var.caption` (lib/flow/media-answer.ts).
  writes: (node) =>
    node.data.validation.kind === "media" && node.data.variable
      ? [node.data.variable, ...MEDIA_ANSWER_SUFFIXES.map((s) => `${node.data.variable}.${s}`)]
      : [node.data.variable],
};

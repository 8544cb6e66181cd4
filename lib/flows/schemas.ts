/**
 * Request bodies of the flows API, one schema per boundary. Browser-safe: the editor uses
 * the same schemas and types. Documents are validated separately (`parseFlowDocument`)
 * so that their issues carry the `document.` path and the schemaVersion message.
 */
import { z } from "zod";

export const FLOW_NAME_MAX = 120;
export const VERSION_NOTE_MAX = 500;

export const flowNameSchema = z.string().trim().min(1, "Give the flow a name").max(FLOW_NAME_MAX);

export const flowIdParamsSchema = z.object({ id: z.uuid("Unknown flow id") });
export const versionParamsSchema = z.object({
  id: z.uuid("Unknown flow id"),
  n: z.coerce.number().int("Version numbers are whole numbers").positive("Version numbers start at 1"),
});

export const versionNumberSchema = z.number().int().positive();

export const createFlowSchema = z.object({
  name: flowNameSchema,
  /** A starting document (a template); absent means a blank flow with only the start node. */
  document: z.unknown().optional(),
});
export type CreateFlowInput = z.infer<typeof createFlowSchema>;

export const saveDraftSchema = z.object({
  document: z.unknown().refine((v) => v !== undefined, "The document is required"),
  /** The revision the edit was based on; a stale one is refused with 409. */
  revision: z.number().int().positive(),
  name: flowNameSchema.optional(),
});
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;

export const renameFlowSchema = z.object({ name: flowNameSchema });
export type RenameFlowInput = z.infer<typeof renameFlowSchema>;

export const duplicateFlowSchema = z.object({ name: flowNameSchema.optional() });
export type DuplicateFlowInput = z.infer<typeof duplicateFlowSchema>;

export const publishFlowSchema = z.object({
  note: z.string().trim().max(VERSION_NOTE_MAX).optional(),
  /**
   * For CI: when the draft is identical to the active version, answer that version (200)
   * instead of creating a new one.
   */
  skipIfUnchanged: z.boolean().optional(),
});
export type PublishFlowInput = z.infer<typeof publishFlowSchema>;

export const rollbackFlowSchema = z.object({ version: versionNumberSchema });
export type RollbackFlowInput = z.infer<typeof rollbackFlowSchema>;

export const restoreFlowSchema = z.object({
  version: versionNumberSchema,
  /** Optional optimistic check, as for a draft save. */
  revision: z.number().int().positive().optional(),
});
export type RestoreFlowInput = z.infer<typeof restoreFlowSchema>;

/** "draft", "active", or a version number. */
export const documentRefSchema = z.union([
  z.literal("draft"),
  z.literal("active"),
  z.coerce.number().int().positive(),
]);
export type DocumentRef = z.infer<typeof documentRefSchema>;

export const diffQuerySchema = z.object({
  from: documentRefSchema.default("active"),
  to: documentRefSchema.default("draft"),
});

export const exportQuerySchema = z.object({ version: documentRefSchema.default("draft") });

export const simulateInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().max(4096) }),
  z.object({ kind: z.literal("reply"), id: z.string().min(1).max(256), title: z.string().max(256).optional() }),
]);
export type SimulateInput = z.infer<typeof simulateInputSchema>;

export const SIMULATE_MAX_INPUTS = 200;

export const simulateFlowSchema = z.object({
  /** What to run: the saved draft (default), the active version, or a version number. */
  version: z.union([z.literal("draft"), z.literal("active"), z.number().int().positive()]).default("draft"),
  /** Run this (unsaved) document instead; it is validated like a draft save. */
  document: z.unknown().optional(),
  /** The customer's messages in order; the first one opens the conversation. */
  inputs: z.array(simulateInputSchema).max(SIMULATE_MAX_INPUTS).default([]),
  contact: z
    .object({ name: z.string().max(200).optional(), phone: z.string().regex(/^\d{6,20}$/, "Digits only, 6 to 20").optional() })
    .default({}),
  /** Flow variables set before the conversation starts. */
  variables: z.record(z.string(), z.string()).default({}),
  /** false: http_request nodes are not called and follow their `error` handle. */
  executeHttp: z.boolean().default(true),
  /** The clock for business-hours conditions (ISO 8601); default now. */
  now: z.iso.datetime({ offset: true }).optional(),
});
export type SimulateFlowInput = z.infer<typeof simulateFlowSchema>;

export const lintRequestSchema = z.object({
  document: z.unknown().refine((v) => v !== undefined, "The document is required"),
  locale: z.enum(["es", "pt", "en"]).optional(),
});

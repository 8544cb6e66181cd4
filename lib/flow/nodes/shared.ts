/**
 * Pieces every node type's schema shares. Node folders import these (never `../schema`,
 * which assembles the node schemas and would make the import circular).
 */
import { z } from "zod";

/**
 * WhatsApp Cloud API limits the lint enforces and the renderer clamps to. Lengths are
 * counted in Unicode code points (what a marketer perceives as characters, emoji aside).
 */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  buttonsBody: 1024,
  listBody: 4096,
  header: 60,
  footer: 60,
  buttonsMin: 1,
  buttonsMax: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButtonLabel: 20,
  listSectionsMax: 10,
  listRowsMax: 10,
  listSectionTitle: 24,
  listRowTitle: 24,
  listRowDescription: 72,
  listRowId: 200,
  mediaCaption: 1024,
} as const;

/** Handle ids with a fixed meaning; option/rule ids must not reuse them. */
export const DEFAULT_HANDLE = "default";
export const INVALID_HANDLE = "invalid";
export const ELSE_HANDLE = "else";
export const SUCCESS_HANDLE = "success";
export const ERROR_HANDLE = "error";

// An optional display name the editor may show on the card; ignored by the engine.
export const labelField = { label: z.string().optional() };

export const positionSchema = z.object({ x: z.number(), y: z.number() });
export type Position = z.infer<typeof positionSchema>;

export const nodeBase = { id: z.string().min(1), position: positionSchema };

export const optionSchema = z.object({ id: z.string(), title: z.string() });
export type ButtonOption = z.infer<typeof optionSchema>;

/**
 * The document-level facts of one node type: how it is parsed and how it connects. The
 * behaviour (lint, engine step, prompt) lives beside it in the same folder and is
 * assembled by `./index`; the editor's card and form by `components/flow-editor/nodes`.
 */
export type NodeShape<N extends { type: string }> = {
  /** Outgoing handle ids, in display order. */
  handles(node: N): string[];
  /** Option/rule ids that would be ambiguous with this type's fixed handles. */
  reservedHandles: readonly string[];
  /** Stops and waits for the customer's answer. */
  waiting: boolean;
  /** The bot no longer runs after it (no outgoing handles). */
  terminal: boolean;
  /** Flow variables this node writes (for the editor's variable picker). */
  writes(node: N): string[];
};

export const NO_WRITES = (): string[] => [];

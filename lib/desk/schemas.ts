import { z } from "zod";
import { PARAMETER_MAX, templateParamsSchema } from "@/lib/contacts/templates/params";

/** WhatsApp's limit for a text body; captions are shorter. */
export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;

const text = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} cannot be empty`)
    .max(MAX_TEXT, `${field} is longer than ${MAX_TEXT} characters (WhatsApp's limit)`);

const httpUrl = z
  .url({ error: "Enter a link starting with https://" })
  .refine((value) => /^https?:\/\//i.test(value), { message: "Enter a link starting with https://" });

export const replySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: text("The reply") }),
  z.object({
    kind: z.literal("media"),
    media: z.object({
      kind: z.enum(["image", "video", "audio", "document"]),
      url: httpUrl,
      caption: z.string().trim().max(MAX_CAPTION, `The caption is longer than ${MAX_CAPTION} characters`).optional(),
      filename: z.string().trim().max(240).optional(),
    }),
  }),
  z
    .object({
      kind: z.literal("template"),
      templateId: z.uuid(),
      params: templateParamsSchema.optional(),
      /** Body parameters only: the short form for templates with nothing but body variables. */
      parameters: z.array(z.string().max(PARAMETER_MAX)).max(100).optional(),
    })
    .transform(({ params, parameters, ...rest }) => ({ ...rest, params: params ?? { body: parameters ?? [] } })),
]);
export type ReplyInput = z.infer<typeof replySchema>;

/** A bare `{ text }` body is accepted as a text reply, so API callers can keep it simple. */
export function normalizeReply(body: unknown): unknown {
  if (body && typeof body === "object" && !("kind" in body) && "text" in body) return { kind: "text", ...(body as object) };
  return body;
}

export const noteSchema = z.object({ text: text("The note") });
export type NoteInput = z.infer<typeof noteSchema>;

export const transferSchema = z
  .object({
    queueId: z.uuid().optional(),
    agentId: z.uuid().optional(),
    note: z.string().trim().max(MAX_TEXT).optional(),
  })
  .refine((v) => v.queueId || v.agentId, { message: "Choose a queue or an agent", path: ["queueId"] });
export type TransferInput = z.infer<typeof transferSchema>;

export const resolveSchema = z.object({
  closingMessage: z.string().trim().max(MAX_TEXT, `The closing message is longer than ${MAX_TEXT} characters`).optional().nullable(),
});
export type ResolveInput = z.infer<typeof resolveSchema>;

export const presenceSchema = z.object({ presence: z.enum(["online", "away", "offline"]) });
export type PresenceInput = z.infer<typeof presenceSchema>;

export const CONVERSATION_STATUSES = ["bot", "queued", "assigned", "closed"] as const;

export const listConversationsSchema = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []))
    .pipe(z.array(z.enum(CONVERSATION_STATUSES))),
  /** Queue id or slug. */
  queue: z.string().trim().max(100).optional(),
  /** `me`, `none` or a user id. */
  assignee: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ListConversationsInput = z.infer<typeof listConversationsSchema>;

export const searchSchema = z.object({
  q: z.string().trim().max(100).default(""),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const exportFormatSchema = z.object({
  format: z.enum(["html", "json"]).default("html"),
  notes: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

// ---- admin settings

const SLUG = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** A queue's first-response target (business minutes, up to a working month); null: none. */
const slaMinutes = z.number("The target is a number of minutes").int("Whole minutes").min(1, "At least 1 minute").max(10_080, "At most 10080 minutes").nullable();
/** A queue's satisfaction survey (docs/analytics.md#satisfaction); empty texts are the workspace language's defaults. */
const csatText = (max: number) => z.string().trim().max(max, `At most ${max} characters`).nullable().optional();
export const queueCsatSchema = z.object({
  enabled: z.boolean(),
  scale: z.enum(["five", "faces"]),
  comment: z.boolean(),
  texts: z
    .object({
      // The question is an interactive message's body (WhatsApp: 1,024 characters at most).
      question: csatText(1024),
      commentPrompt: csatText(MAX_TEXT),
      thanks: csatText(MAX_TEXT),
    })
    .default({}),
});
export type QueueCsatInput = z.infer<typeof queueCsatSchema>;

export const queueCreateSchema = z.object({
  slug: z.string().trim().toLowerCase().regex(SLUG, "Use lowercase letters, digits, - and _ (up to 40)"),
  name: z.string().trim().min(1, "Name is required").max(80),
  assignmentMode: z.enum(["manual", "auto"]).default("manual"),
  memberIds: z.array(z.uuid()).default([]),
  slaFirstResponseMinutes: slaMinutes.optional(),
  csat: queueCsatSchema.optional(),
});
export type QueueCreateInput = z.infer<typeof queueCreateSchema>;

export const queueUpdateSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(80).optional(),
  assignmentMode: z.enum(["manual", "auto"]).optional(),
  isDefault: z.literal(true).optional(),
  memberIds: z.array(z.uuid()).optional(),
  /** First-response target in business minutes; null removes it. */
  slaFirstResponseMinutes: slaMinutes.optional(),
  /** Per-agent capacity, edited beside the members. */
  capacities: z.record(z.uuid(), z.coerce.number().int().min(1).max(100)).optional(),
  csat: queueCsatSchema.optional(),
});
export type QueueUpdateInput = z.infer<typeof queueUpdateSchema>;

export const cannedSchema = z.object({
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v.replace(/^\//, ""))
    .pipe(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "Use lowercase letters, digits, - and _ (up to 32)")),
  text: text("The text"),
});
export type CannedInput = z.infer<typeof cannedSchema>;

export const hoursSettingsSchema = z.object({
  timeZone: z.string().trim().min(1),
  weekly: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
  holidays: z.array(z.string()).default([]),
  outsideHoursMessage: z.string().trim().max(MAX_TEXT).nullable().optional(),
});
export type HoursSettingsInput = z.infer<typeof hoursSettingsSchema>;

export const auditQuerySchema = z.object({
  action: z.string().trim().max(60).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** An admin's own version of a text the platform sends customers; empty = the language's default. */
const ownCustomerText = (mustTellProtocol: boolean) => {
  const base = z.string().trim().max(MAX_TEXT, `The text is longer than ${MAX_TEXT} characters (WhatsApp's limit)`);
  const checked = mustTellProtocol
    ? base.refine((v) => !v || /\{\{\s*protocol\s*\}\}/.test(v), { message: "Include {{protocol}}: every path into a queue tells the customer the protocol" })
    : base;
  return checked.nullable().optional();
};

export const customerMessagesSchema = z.object({
  language: z.enum(["es", "pt", "en"], { error: "Choose es, pt or en" }),
  handoff: ownCustomerText(true),
  handoffError: ownCustomerText(true),
  outsideHours: ownCustomerText(false),
});
export type CustomerMessagesInput = z.infer<typeof customerMessagesSchema>;

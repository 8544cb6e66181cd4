/** Request bodies and queries of the contacts API (docs/api.md#contacts), one schema per boundary. */
import { z } from "zod";
import { FIELD_KEY, FIELD_KINDS, RESERVED_FIELD_KEYS } from "./field-values";

const label = z.string().trim().min(1, "The label cannot be empty").max(80, "The label is longer than 80 characters");

export const fieldCreateSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(FIELD_KEY, "Use lower-case letters, digits and _ (starting with a letter, at most 40)")
      .refine((k) => !RESERVED_FIELD_KEYS.has(k), "This key is reserved (name, first_name, phone, tags, id)"),
    label,
    kind: z.enum(FIELD_KINDS),
    options: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .superRefine(checkOptions);
export type FieldCreateInput = z.infer<typeof fieldCreateSchema>;

/** The key and kind stay: flows and stored values depend on them. */
export const fieldUpdateSchema = z.object({
  label: label.optional(),
  options: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type FieldUpdateInput = z.infer<typeof fieldUpdateSchema>;

function checkOptions(v: { kind: string; options: string[] }, ctx: z.RefinementCtx) {
  if (v.kind === "choice" && v.options.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "A choice field needs at least one option" });
  if (v.kind !== "choice" && v.options.length > 0) ctx.addIssue({ code: "custom", path: ["options"], message: "Only choice fields have options" });
  if (new Set(v.options.map((o) => o.toLocaleLowerCase())).size !== v.options.length) {
    ctx.addIssue({ code: "custom", path: ["options"], message: "Options must be different" });
  }
}

export const tagSchema = z.object({ name: z.string().trim().min(1, "The tag cannot be empty").max(40, "The tag is longer than 40 characters") });
export type TagInput = z.infer<typeof tagSchema>;

/**
 * A profile change: `fields` sets values by key (null or "" clears one); `tagIds`, when given,
 * is the contact's whole tag set. Values are checked against each field's kind (422 naming them).
 */
export const profileUpdateSchema = z.object({
  name: z.string().trim().max(200).nullable().optional(),
  fields: z.record(z.string(), z.string().max(2000).nullable()).optional(),
  tagIds: z.array(z.uuid()).max(100).optional(),
});
export type ProfileUpdateInput = z.infer<typeof profileUpdateSchema>;

export const contactListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  tag: z.uuid().optional(),
  field: z.string().regex(FIELD_KEY).optional(),
  value: z.string().trim().max(1000).optional(),
  channelId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ContactListQuery = z.infer<typeof contactListQuerySchema>;

/** A CSV file (text, as uploaded) for a channel's contacts. 5 MB is about 50,000 rows. */
export const importSchema = z.object({
  channelId: z.uuid({ error: "Choose the channel the contacts belong to" }),
  csv: z.string().min(1, "The file is empty").max(5_000_000, "The file is larger than 5 MB"),
});
export type ImportInput = z.infer<typeof importSchema>;

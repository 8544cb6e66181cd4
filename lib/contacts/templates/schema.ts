/**
 * Meta's message template, as `GET /{waba-id}/message_templates` returns it and as it is stored
 * (`message_templates.components`). Objects are loose: fields Meta adds later (or that Atendo
 * does not use, such as `example` details) are kept as they came, so a stored template can be
 * shown and re-sent unchanged.
 */
import { z } from "zod";

export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/**
 * The statuses Atendo acts on; Meta has a few more (IN_APPEAL, PENDING_DELETION,
 * LIMIT_EXCEEDED…), stored as they come and treated like any other non-approved status.
 */
export const TEMPLATE_STATUSES = ["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED"] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const HEADER_MEDIA_FORMATS = ["IMAGE", "VIDEO", "DOCUMENT"] as const;
/** The media kinds a template header can carry, in the lower case used by sends and params. */
export type HeaderMediaKind = "image" | "video" | "document";

export const headerComponentSchema = z.looseObject({
  type: z.literal("HEADER"),
  format: z.enum(["TEXT", ...HEADER_MEDIA_FORMATS, "LOCATION"]),
  text: z.string().optional(),
  example: z.looseObject({ header_text: z.array(z.string()).optional(), header_handle: z.array(z.string()).optional() }).optional(),
});

export const bodyComponentSchema = z.looseObject({
  type: z.literal("BODY"),
  text: z.string(),
  example: z
    .looseObject({
      body_text: z.array(z.array(z.string())).optional(),
      body_text_named_params: z.array(z.object({ param_name: z.string(), example: z.string() })).optional(),
    })
    .optional(),
});

export const footerComponentSchema = z.looseObject({ type: z.literal("FOOTER"), text: z.string() });

export const quickReplyButtonSchema = z.looseObject({ type: z.literal("QUICK_REPLY"), text: z.string() });
/** A URL button; a `{{1}}` at the end of `url` is filled per message (the "variable suffix"). */
export const urlButtonSchema = z.looseObject({ type: z.literal("URL"), text: z.string(), url: z.string(), example: z.array(z.string()).optional() });
export const phoneButtonSchema = z.looseObject({ type: z.literal("PHONE_NUMBER"), text: z.string(), phone_number: z.string() });
/** COPY_CODE, OTP, FLOW, CATALOG…: kept and shown, never given parameters by Atendo. */
export const otherButtonSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

export const templateButtonSchema = z.union([quickReplyButtonSchema, urlButtonSchema, phoneButtonSchema, otherButtonSchema]);
export type TemplateButton = z.infer<typeof templateButtonSchema>;

export const buttonsComponentSchema = z.looseObject({ type: z.literal("BUTTONS"), buttons: z.array(templateButtonSchema) });

export const templateComponentSchema = z.union([
  headerComponentSchema,
  bodyComponentSchema,
  footerComponentSchema,
  buttonsComponentSchema,
  // Meta's other component kinds (carousel cards, limited-time offers…): kept, not sent.
  z.looseObject({ type: z.string() }),
]);
export type TemplateComponent = z.infer<typeof templateComponentSchema>;
export type HeaderComponent = z.infer<typeof headerComponentSchema>;
export type BodyComponent = z.infer<typeof bodyComponentSchema>;
export type FooterComponent = z.infer<typeof footerComponentSchema>;
export type ButtonsComponent = z.infer<typeof buttonsComponentSchema>;

/** One template of a `GET /{waba-id}/message_templates` page. */
export const metaTemplateSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string(),
  components: z.array(templateComponentSchema).default([]),
  parameter_format: z.enum(["POSITIONAL", "NAMED"]).optional(),
  rejected_reason: z.string().optional(),
});
export type MetaTemplate = z.infer<typeof metaTemplateSchema>;

export const metaTemplatePageSchema = z.looseObject({
  data: z.array(metaTemplateSchema),
  paging: z
    .looseObject({ cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(), next: z.string().optional() })
    .optional(),
});
export type MetaTemplatePage = z.infer<typeof metaTemplatePageSchema>;

/**
 * What the functions of this module need of a template: a stored row (lib/db/schema.ts
 * `message_templates`) and a Meta list item both fit.
 */
export type TemplateLike = {
  name: string;
  language: string;
  components: readonly TemplateComponent[];
  parameterFormat?: "POSITIONAL" | "NAMED" | null;
};

export function headerOf(template: TemplateLike): HeaderComponent | undefined {
  return template.components.find((c): c is HeaderComponent => c.type === "HEADER");
}
export function bodyOf(template: TemplateLike): BodyComponent | undefined {
  return template.components.find((c): c is BodyComponent => c.type === "BODY");
}
export function footerOf(template: TemplateLike): FooterComponent | undefined {
  return template.components.find((c): c is FooterComponent => c.type === "FOOTER");
}
export function buttonsOf(template: TemplateLike): TemplateButton[] {
  return template.components.find((c): c is ButtonsComponent => c.type === "BUTTONS")?.buttons ?? [];
}

import { z } from "zod";
import { TEMPLATE_CATEGORIES, type TemplateComponent } from "./schema";
import { textVariables } from "./variables";

/** Meta's limits for a template submission. */
export const TEMPLATE_LIMITS = { name: 512, headerText: 60, body: 1024, footer: 60, buttons: 10, buttonText: 25, url: 2000 } as const;

const trimmed = (max: number, label: string) => z.string().trim().max(max, `${label} is at most ${max} characters`);

/** `{{1}}`, `{{2}}`… must start at 1 and have no gaps, each with an example value. */
function checkVariables(text: string, examples: string[] | undefined, path: (string | number)[], ctx: z.RefinementCtx, label: string) {
  const found = [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!);
  const bad = found.find((v) => !/^\d+$/.test(v));
  if (bad !== undefined) {
    ctx.addIssue({ code: "custom", path, message: `${label}: variables are numbered {{1}}, {{2}}…; {{${bad}}} is not` });
    return;
  }
  const numbers = [...new Set(found.map(Number))].sort((a, b) => a - b);
  if (numbers.some((n, i) => n !== i + 1)) {
    ctx.addIssue({ code: "custom", path, message: `${label}: variables must start at {{1}} and have no gaps` });
    return;
  }
  const count = textVariables(text).length;
  const given = (examples ?? []).filter((e) => e.trim() !== "");
  if (given.length < count) {
    const missing = Array.from({ length: count - given.length }, (_, i) => `{{${given.length + i + 1}}}`);
    ctx.addIssue({ code: "custom", path: [...path.slice(0, -1), "examples"], message: `${label}: Meta requires an example for ${missing.join(", ")}` });
  }
}

const buttonSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("QUICK_REPLY"), text: trimmed(TEMPLATE_LIMITS.buttonText, "A button's text").min(1, "Give the button a text") }),
  z.object({
    type: z.literal("URL"),
    text: trimmed(TEMPLATE_LIMITS.buttonText, "A button's text").min(1, "Give the button a text"),
    url: z
      .string()
      .trim()
      .max(TEMPLATE_LIMITS.url)
      .regex(/^https:\/\/[^\s{}]+(\{\{1\}\})?$/, "Enter an https:// link; a variable may only be its end, as {{1}}"),
    example: z.string().trim().max(TEMPLATE_LIMITS.url).optional(),
  }),
  z.object({
    type: z.literal("PHONE_NUMBER"),
    text: trimmed(TEMPLATE_LIMITS.buttonText, "A button's text").min(1, "Give the button a text"),
    phoneNumber: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, "Enter the number in international format, e.g. +5511999990000"),
  }),
]);

/** A new template as admins write it (the create form and `POST /api/channels/{id}/templates`). */
export const templateDraftSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the template a name")
      .max(TEMPLATE_LIMITS.name)
      .regex(/^[a-z0-9_]+$/, "Use lowercase letters, digits and underscores only (e.g. order_shipped)"),
    language: z.string().trim().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "Use a language code such as es, pt_BR or en_US"),
    category: z.enum(TEMPLATE_CATEGORIES),
    header: z
      .discriminatedUnion("format", [
        z.object({ format: z.literal("NONE") }),
        z.object({ format: z.literal("TEXT"), text: trimmed(TEMPLATE_LIMITS.headerText, "The header").min(1, "Write the header"), example: z.string().trim().max(60).optional() }),
        z.object({
          format: z.enum(["IMAGE", "VIDEO", "DOCUMENT"]),
          /** A sample file (Meta: an upload handle; the sandbox also takes a link). */
          example: z.string().trim().min(1, "Meta requires a sample file for a media header").max(2000),
        }),
      ])
      .default({ format: "NONE" }),
    body: z.object({
      text: trimmed(TEMPLATE_LIMITS.body, "The body").min(1, "Write the body"),
      examples: z.array(z.string().trim().max(200)).max(100).default([]),
    }),
    footer: trimmed(TEMPLATE_LIMITS.footer, "The footer").optional(),
    buttons: z.array(buttonSchema).max(TEMPLATE_LIMITS.buttons, `At most ${TEMPLATE_LIMITS.buttons} buttons`).default([]),
  })
  .superRefine((draft, ctx) => {
    checkVariables(draft.body.text, draft.body.examples, ["body", "text"], ctx, "Body");
    if (draft.header.format === "TEXT") {
      const vars = textVariables(draft.header.text);
      if (vars.length > 1) ctx.addIssue({ code: "custom", path: ["header", "text"], message: "The header may have one variable, {{1}}" });
      else checkVariables(draft.header.text, draft.header.example ? [draft.header.example] : [], ["header", "text"], ctx, "Header");
    }
    if (draft.footer && /\{\{/.test(draft.footer)) ctx.addIssue({ code: "custom", path: ["footer"], message: "The footer cannot have variables" });
    draft.buttons.forEach((button, i) => {
      if (button.type === "URL" && button.url.endsWith("{{1}}") && !button.example) {
        ctx.addIssue({ code: "custom", path: ["buttons", i, "example"], message: "Meta requires an example of the full link" });
      }
    });
  });
export type TemplateDraft = z.infer<typeof templateDraftSchema>;
export type TemplateDraftInput = z.input<typeof templateDraftSchema>;

/** The `components` of `POST /{waba-id}/message_templates` for a draft. */
export function draftComponents(draft: TemplateDraft): TemplateComponent[] {
  const components: TemplateComponent[] = [];
  const h = draft.header;
  if (h.format === "TEXT") {
    components.push({ type: "HEADER", format: "TEXT", text: h.text, ...(textVariables(h.text).length > 0 && h.example ? { example: { header_text: [h.example] } } : {}) });
  } else if (h.format !== "NONE") {
    components.push({ type: "HEADER", format: h.format, example: { header_handle: [h.example] } });
  }
  const count = textVariables(draft.body.text).length;
  components.push({ type: "BODY", text: draft.body.text, ...(count > 0 ? { example: { body_text: [draft.body.examples.slice(0, count)] } } : {}) });
  if (draft.footer) components.push({ type: "FOOTER", text: draft.footer });
  if (draft.buttons.length > 0) {
    components.push({
      type: "BUTTONS",
      buttons: draft.buttons.map((b) => {
        if (b.type === "URL") return { type: "URL", text: b.text, url: b.url, ...(b.example ? { example: [b.example] } : {}) };
        if (b.type === "PHONE_NUMBER") return { type: "PHONE_NUMBER", text: b.text, phone_number: b.phoneNumber };
        return { type: "QUICK_REPLY", text: b.text };
      }),
    });
  }
  return components;
}

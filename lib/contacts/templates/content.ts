import type { TemplateSendPayload } from "./build";
import { buildTemplateMessage } from "./build";
import type { TemplateParams } from "./params";
import { renderTemplatePreview } from "./preview";
import type { TemplateLike } from "./schema";

/**
 * A template as outgoing content (lib/runtime/enqueue.ts `OutgoingContent`): stored as the
 * transcript message's payload, and the outbox sends `template` as it is. `parameters` is the
 * body-only form of rows written before components were sent; new rows carry `template`.
 */
export type TemplateContent = {
  kind: "template";
  name: string;
  language: string;
  /** The Graph API `template` object, components included. */
  template?: TemplateSendPayload;
  /** Body parameters only (older rows). */
  parameters?: string[];
  /** What the transcript shows (renderTemplatePreview). */
  preview?: string;
  /** MARKETING, UTILITY or AUTHENTICATION, when known: opt-out rules look at it. */
  category?: string;
  /** The `message_templates` row, when sent from one. */
  templateId?: string;
  /** The params as given, so a media header from the library can be uploaded by the sender. */
  params?: TemplateParams;
};

/** The outgoing content for a checked send of `template`. */
export function templateContent(
  template: TemplateLike & { id?: string; category?: string | null },
  params: TemplateParams,
): TemplateContent {
  return {
    kind: "template",
    name: template.name,
    language: template.language,
    template: buildTemplateMessage(template, params),
    preview: renderTemplatePreview(template, params),
    ...(template.category ? { category: template.category } : {}),
    ...(template.id ? { templateId: template.id } : {}),
    params,
  };
}

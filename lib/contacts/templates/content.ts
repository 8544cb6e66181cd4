import type { TemplateSendPayload } from "./build";
import { buildTemplateMessage } from "./build";
import { isMediaHeaderParam, type TemplateParams } from "./params";
import { renderTemplatePreview } from "./preview";
import type { HeaderMediaKind, TemplateLike } from "./schema";

/**
 * A media library file sent as the template's media header. The sender uploads it to Meta
 * (once per channel, like a library file a flow sends) and puts the upload's id in the header.
 * `mediaId` is the conversation's media row for the file (the transcript shows it), set when
 * the send is queued (lib/runtime/enqueue.ts); `url` is always empty.
 */
export type TemplateHeaderMedia = { kind: HeaderMediaKind; url: string; libraryId: string; filename?: string; mediaId?: string };

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
  /** The params as given. */
  params?: TemplateParams;
  /** A media header given as a library file: see `TemplateHeaderMedia`. */
  headerMedia?: TemplateHeaderMedia;
};

/** The library file a send's media header names (given neither as a link nor as a Meta media id). */
export function libraryHeaderOf(params: TemplateParams): TemplateHeaderMedia | null {
  const header = params.header;
  if (!isMediaHeaderParam(header) || !header.libraryId || header.url || header.mediaId) return null;
  return { kind: header.kind, url: "", libraryId: header.libraryId, ...(header.filename && header.kind === "document" ? { filename: header.filename } : {}) };
}

/** The outgoing content for a checked send of `template`. */
export function templateContent(
  template: TemplateLike & { id?: string; category?: string | null },
  params: TemplateParams,
): TemplateContent {
  const headerMedia = libraryHeaderOf(params);
  return {
    kind: "template",
    name: template.name,
    language: template.language,
    template: buildTemplateMessage(template, params),
    preview: renderTemplatePreview(template, params),
    ...(template.category ? { category: template.category } : {}),
    ...(template.id ? { templateId: template.id } : {}),
    params,
    ...(headerMedia ? { headerMedia } : {}),
  };
}

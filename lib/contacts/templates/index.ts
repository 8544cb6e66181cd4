/**
 * WhatsApp message templates, pure (no database, no server-only): usable by the server, the
 * browser (desk preview, admin forms) and tests alike.
 *
 * A template is Meta's own shape (`schema.ts`): `name`, `language`, `category`
 * (MARKETING | UTILITY | AUTHENTICATION), `status` (APPROVED | PENDING | REJECTED | PAUSED |
 * DISABLED…) and `components` exactly as `GET /{waba-id}/message_templates` returns them:
 *   HEADER {format: TEXT (text with at most one {{1}}) | IMAGE | VIDEO | DOCUMENT | LOCATION}
 *   BODY {text with {{1}}, {{2}}… (or {{named}} when parameter_format is NAMED)}
 *   FOOTER {text}
 *   BUTTONS {buttons: QUICK_REPLY {text} | URL {text, url ending in {{1}} for a variable suffix}
 *            | PHONE_NUMBER {text, phone_number} | others kept as they are}
 * Anything with `name`, `language` and `components` (`TemplateLike`) works: a stored
 * `message_templates` row or a Meta list item.
 *
 * Params of one send (`TemplateParams`, zod: `templateParamsSchema`):
 *   {
 *     header?: { text: string }                                   // a TEXT header's {{1}}
 *            | { kind: "image" | "video" | "document",            // a media header, one of:
 *                url?: string,          // https link Meta fetches
 *                mediaId?: string,      // id of a file uploaded to Meta
 *                libraryId?: string,    // media library file: uploaded by the sender (once
 *                                       //   per channel) and sent by the upload's id
 *                filename?: string },   // documents: the name the customer sees
 *     body: string[],                   // the body's variables in order ({{1}} is body[0])
 *     buttons?: { index: number, text: string }[]  // URL buttons' suffix, by the button's
 *                                                  // index among the template's buttons
 *   }
 *
 * - `templateVariables(t)`: what a send must fill — header (text variables / media kind),
 *   body variable names, URL buttons with their index.
 * - `checkTemplateParameters(t, params)`: `TemplateProblem[]` ({path, variable, code,
 *   message}), each naming the variable (`{{2}}`, `{{image}}`…); empty = Meta would accept.
 *   `path` is "header", "body.<i>" or "buttons.<index>", ready for a 422's `issues`.
 * - `buildTemplateMessage(t, params)`: the Graph API `template` object ({name, language:
 *   {code}, components: [header, body, button…]}); call after an empty check.
 * - `renderTemplatePreview(t, params)`: one text for the transcript; `templatePreview` gives
 *   the parts (header, body, footer, buttons) for a visual preview.
 * - `templateContent(t, params)`: the outgoing content the outbox sends (lib/runtime/enqueue.ts);
 *   a library file header is carried as `headerMedia` for the sender to upload.
 */
export * from "./build";
export * from "./content";
export * from "./draft";
export * from "./from-send";
export * from "./params";
export * from "./preview";
export * from "./schema";
export * from "./variables";

import { z } from "zod";
import type { HeaderMediaKind, TemplateLike } from "./schema";
import { templateVariables, variableLabel } from "./variables";

/** A text parameter of a send: WhatsApp refuses line breaks, tabs and more than 4 spaces in a row. */
export const PARAMETER_MAX = 1024;
export const HEADER_PARAMETER_MAX = 60;
export const BUTTON_PARAMETER_MAX = 2000;

export type TemplateTextHeaderParam = { text: string };
/**
 * A media header, exactly one of: `url` (an https link Meta fetches), `mediaId` (an id Meta
 * gave an upload) or `libraryId` (a media library file: the sender uploads it to Meta once per
 * channel and sends the upload's id; `sendableTemplate` checks that it exists and fits the kind).
 */
export type TemplateMediaHeaderParam = { kind: HeaderMediaKind; url?: string; mediaId?: string; libraryId?: string; filename?: string };
export type TemplateHeaderParam = TemplateTextHeaderParam | TemplateMediaHeaderParam;
export type TemplateButtonParam = { index: number; text: string };

export type TemplateParams = {
  header?: TemplateHeaderParam;
  /** The body's variables in order: `{{1}}`, `{{2}}`… (or the named ones in order of appearance). */
  body: string[];
  /** URL buttons' suffixes, by the button's index in the template. */
  buttons?: TemplateButtonParam[];
};

const httpsUrl = z
  .url({ error: "Enter a link starting with https://" })
  .refine((value) => /^https:\/\//i.test(value), { message: "Enter a link starting with https://" });

/** The params' shape at a boundary (desk API, public API, campaign rows); content is checked by `checkTemplateParameters`. */
export const templateParamsSchema = z.object({
  header: z
    .union([
      z.object({ text: z.string().max(HEADER_PARAMETER_MAX, `A header parameter is at most ${HEADER_PARAMETER_MAX} characters`) }),
      z
        .object({
          kind: z.enum(["image", "video", "document"]),
          url: httpsUrl.optional(),
          mediaId: z.string().min(1).max(200).optional(),
          libraryId: z.uuid().optional(),
          filename: z.string().trim().max(240).optional(),
        })
        .refine((h) => h.url || h.mediaId || h.libraryId, { message: "Give the header's file: a link, a media id or a library file" }),
    ])
    .optional(),
  body: z.array(z.string().max(PARAMETER_MAX, `A parameter is at most ${PARAMETER_MAX} characters`)).max(100).default([]),
  buttons: z
    .array(z.object({ index: z.number().int().min(0).max(9), text: z.string().max(BUTTON_PARAMETER_MAX) }))
    .max(10)
    .optional(),
}) satisfies z.ZodType<TemplateParams, unknown>;

export type TemplateProblemCode = "missing" | "unexpected" | "media_kind" | "invalid";

/**
 * One reason a send would be refused, naming the variable. `path` is "header", "body.<i>"
 * (0-based position in `params.body`) or "buttons.<index>" (the template button's index):
 * the shape of the `issues` of a 422 answer.
 */
export type TemplateProblem = { path: string; variable: string; code: TemplateProblemCode; message: string };

export function isMediaHeaderParam(header: TemplateHeaderParam | undefined): header is TemplateMediaHeaderParam {
  return !!header && "kind" in header;
}

const FORBIDDEN_SPACING = /[\n\t]| {5,}/;

function textProblem(path: string, variable: string, where: string, value: string | undefined): TemplateProblem | null {
  if (value === undefined || value.trim() === "") return { path, variable, code: "missing", message: `${where} variable ${variable} is missing` };
  if (FORBIDDEN_SPACING.test(value)) {
    return { path, variable, code: "invalid", message: `${where} variable ${variable} cannot contain line breaks, tabs or more than 4 spaces in a row` };
  }
  return null;
}

/**
 * Everything wrong with `params` for `template`: missing, empty and surplus variables, a
 * media header of the wrong kind. Empty when the send would be accepted by Meta.
 */
export function checkTemplateParameters(template: TemplateLike, params: TemplateParams): TemplateProblem[] {
  const vars = templateVariables(template);
  const problems: TemplateProblem[] = [];
  const header = params.header;

  // Header
  if (vars.header?.format === "text" && vars.header.variables.length > 0) {
    const variable = variableLabel(vars.header.variables[0]!);
    if (isMediaHeaderParam(header)) problems.push({ path: "header", variable, code: "media_kind", message: `The header is text: give ${variable} a text, not a ${header.kind}` });
    else {
      const problem = textProblem("header", variable, "Header", header?.text);
      if (problem) problems.push(problem);
    }
  } else if (vars.header?.format === "media") {
    const kind = vars.header.kind;
    const variable = `{{${kind}}}`;
    if (!header) problems.push({ path: "header", variable, code: "missing", message: `The header needs ${article(kind)} ${kind}` });
    else if (!isMediaHeaderParam(header)) problems.push({ path: "header", variable, code: "media_kind", message: `The header needs ${article(kind)} ${kind}, not a text` });
    else if (header.kind !== kind) problems.push({ path: "header", variable, code: "media_kind", message: `The header needs ${article(kind)} ${kind}, not ${article(header.kind)} ${header.kind}` });
    else if (!header.url && !header.mediaId && !header.libraryId) problems.push({ path: "header", variable, code: "missing", message: `The header's ${kind} is missing` });
    else if ([header.url, header.mediaId, header.libraryId].filter(Boolean).length > 1) {
      problems.push({ path: "header", variable, code: "invalid", message: `Give the header's ${kind} one way: a link, a media id or a library file` });
    }
  } else if (header) {
    problems.push({ path: "header", variable: "header", code: "unexpected", message: "This template's header takes no parameter" });
  }

  // Body
  vars.body.forEach((name, i) => {
    const problem = textProblem(`body.${i}`, variableLabel(name), "Body", params.body[i]);
    if (problem) problems.push(problem);
  });
  for (let i = vars.body.length; i < params.body.length; i++) {
    const variable = vars.named ? `#${i + 1}` : variableLabel(String(i + 1));
    problems.push({
      path: `body.${i}`,
      variable,
      code: "unexpected",
      message: `The body has ${vars.body.length} variable(s): ${variable} is not one of them`,
    });
  }

  // Buttons
  const given = params.buttons ?? [];
  for (const button of vars.buttons) {
    const variable = variableLabel(button.variables[0]!);
    const param = given.find((b) => b.index === button.index);
    const problem = textProblem(`buttons.${button.index}`, variable, `Button "${button.text}"`, param?.text);
    if (problem) problems.push(problem);
  }
  for (const param of given) {
    if (!vars.buttons.some((b) => b.index === param.index)) {
      problems.push({
        path: `buttons.${param.index}`,
        variable: `button ${param.index}`,
        code: "unexpected",
        message: `Button ${param.index} of this template takes no parameter`,
      });
    }
  }
  return problems;
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? "an" : "a";
}

import { bodyOf, buttonsOf, headerOf, type HeaderMediaKind, type TemplateLike } from "./schema";

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * The variables of a text, in the order a send fills them. Positional templates use `{{1}}`,
 * `{{2}}`…: every number up to the highest is a parameter (Meta requires them consecutive), so
 * `["1", "2", "3"]`. Named templates (`parameter_format: NAMED`) use `{{first_name}}`: each
 * distinct name once, in order of appearance.
 */
export function textVariables(text: string | undefined): string[] {
  if (!text) return [];
  const found = [...text.matchAll(VARIABLE)].map((m) => m[1]!);
  if (found.length === 0) return [];
  if (found.every((v) => /^\d+$/.test(v))) {
    const max = Math.max(...found.map(Number));
    return Array.from({ length: max }, (_, i) => String(i + 1));
  }
  return [...new Set(found)];
}

/** `{{1}}` or `{{first_name}}`: how a variable is named to people. */
export function variableLabel(name: string): string {
  return `{{${name}}}`;
}

export type HeaderVariables =
  | { format: "text"; variables: string[] }
  | { format: "media"; kind: HeaderMediaKind }
  /** A location header: sent without parameters by Atendo (kept for display). */
  | { format: "location" };

export type ButtonVariables = {
  /** The button's position in the template (Meta's `index` in a send). */
  index: number;
  subType: "url";
  text: string;
  /** The URL with its `{{1}}` suffix, as approved. */
  url: string;
  variables: string[];
};

export type TemplateVariables = {
  header: HeaderVariables | null;
  body: string[];
  /** Only buttons that take a parameter (URL buttons with a variable suffix). */
  buttons: ButtonVariables[];
  named: boolean;
};

/** What a send of this template must fill in, per component. */
export function templateVariables(template: TemplateLike): TemplateVariables {
  const header = headerOf(template);
  let headerVars: HeaderVariables | null = null;
  if (header) {
    if (header.format === "TEXT") headerVars = { format: "text", variables: textVariables(header.text) };
    else if (header.format === "LOCATION") headerVars = { format: "location" };
    else headerVars = { format: "media", kind: header.format.toLowerCase() as HeaderMediaKind };
  }
  const body = textVariables(bodyOf(template)?.text);
  const buttons: ButtonVariables[] = [];
  buttonsOf(template).forEach((button, index) => {
    if (button.type !== "URL" || typeof button.url !== "string") return;
    const variables = textVariables(button.url);
    if (variables.length > 0) buttons.push({ index, subType: "url", text: String(button.text ?? ""), url: button.url, variables });
  });
  const named = template.parameterFormat === "NAMED" || body.some((v) => !/^\d+$/.test(v));
  return { header: headerVars, body, buttons, named };
}

/** True when a send needs no parameters at all. */
export function takesNoParameters(template: TemplateLike): boolean {
  const v = templateVariables(template);
  const header = v.header?.format === "media" || (v.header?.format === "text" && v.header.variables.length > 0);
  return !header && v.body.length === 0 && v.buttons.length === 0;
}

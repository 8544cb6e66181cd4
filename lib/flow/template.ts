/**
 * `{{name}}` templates used in every text of a flow. A missing variable renders as an
 * empty string: a customer must never read "undefined" or "{{nombre}}".
 */

/** Built-in variables, always defined at run time. */
export const BUILTIN_VARIABLES = ["contact.name", "contact.first_name", "contact.phone", "protocol", "input", "quotedProtocol"] as const;
/** Built-ins a flow may not assign (`input` is written by the engine itself). */
export const READONLY_VARIABLES: ReadonlySet<string> = new Set(BUILTIN_VARIABLES);

// Anything but braces, so that a typo still renders empty instead of leaking raw braces.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Letters (any script), digits and `_`, optionally dotted: `nombre`, `pedido.estado`. */
export const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

export function isValidVariableName(name: string): boolean {
  return VARIABLE_NAME.test(name);
}

export type TemplateValue = string | number | boolean | null | undefined;
/** A record of values, or a lookup function (the engine's, to avoid merging objects). */
export type TemplateVars = Readonly<Record<string, TemplateValue>> | ((name: string) => TemplateValue);

export type RenderOptions = {
  /** Applied to every substituted value (URL or JSON escaping); not to the literal text. */
  escape?: (value: string, offset: number) => string;
};

function lookup(vars: TemplateVars, name: string): string {
  let v: TemplateValue;
  if (typeof vars === "function") v = vars(name);
  // Own properties only: `{{constructor}}` must not render Object's source.
  else v = Object.hasOwn(vars, name) ? vars[name] : undefined;
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : String(v);
}

/**
 * A template split once into literal text and variable names: even indexes are literals,
 * odd indexes are names; `offsets[i]` is where placeholder i starts in the source text.
 */
export type CompiledTemplate = { parts: string[]; offsets: number[] };

const compiled = new Map<string, CompiledTemplate>();
const COMPILED_CACHE_LIMIT = 10_000;

/** Splits (and caches) a template; rendering then costs string concatenation only. */
export function compileTemplate(text: string): CompiledTemplate {
  let c = compiled.get(text);
  if (c) return c;
  const parts: string[] = [];
  const offsets: number[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0;
    parts.push(text.slice(last, at), m[1]);
    offsets.push(at);
    last = at + m[0].length;
  }
  parts.push(text.slice(last));
  c = { parts, offsets };
  // Templates come from published documents: a bounded, mostly static set.
  if (compiled.size >= COMPILED_CACHE_LIMIT) compiled.clear();
  compiled.set(text, c);
  return c;
}

/** Something that resolves variable names (the engine's per-step scope). */
export type VariableScope = { get(name: string): string | undefined };

/** Renders with a scope object: the engine's allocation-free path. */
export function renderWithScope(text: string, scope: VariableScope, options?: RenderOptions): string {
  if (!text) return "";
  if (text.indexOf("{{") === -1) return text;
  const { parts, offsets } = compileTemplate(text);
  const escapeValue = options?.escape;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const value = scope.get(parts[i]) ?? "";
    out += (escapeValue ? escapeValue(value, offsets[(i - 1) >> 1]) : value) + parts[i + 1];
  }
  return out;
}

export function renderTemplate(text: string, vars: TemplateVars, options?: RenderOptions): string {
  if (typeof text !== "string" || text.length === 0) return "";
  if (text.indexOf("{{") === -1) return text;
  return renderWithScope(text, { get: (name) => lookup(vars, name) }, options);
}

/** Distinct variable names referenced by a template, in order of appearance. */
export function templateVariables(text: string): string[] {
  if (typeof text !== "string" || text.indexOf("{{") === -1) return [];
  const seen = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) seen.add(m[1]);
  return [...seen];
}

/** Like `templateVariables` but with the character offset of each reference. */
export function templateReferences(text: string): { name: string; offset: number }[] {
  if (typeof text !== "string" || text.indexOf("{{") === -1) return [];
  const out: { name: string; offset: number }[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) out.push({ name: m[1], offset: m.index ?? 0 });
  return out;
}

export function hasTemplate(text: string): boolean {
  return typeof text === "string" && text.indexOf("{{") !== -1 && text.indexOf("}}") !== -1;
}

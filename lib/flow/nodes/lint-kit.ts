/**
 * What a node type's lint sees: a reporter, the flow's queues and variables, and the
 * checks several types share (text lengths, variable names, option ids, URLs, regexes).
 * Pure and browser-safe, like the rest of the lint.
 */
import { type LintCode, type LintLocale, lintMessage, regexPartName, regexReasonText, stepName } from "../lint-messages";
import { regexProblem } from "../regex";
import { type FlowNode, reservedHandleIds } from "../schema";
import { READONLY_VARIABLES, isValidVariableName } from "../template";
import type { LibraryFacts } from "@/lib/media/library/types";

export type LintSeverity = "error" | "warning";

export type LintIssue = {
  code: string;
  severity: LintSeverity;
  nodeId?: string;
  edgeId?: string;
  /** Dotted path inside the node/edge/document, e.g. "data.buttons.1.title". */
  field?: string;
  /** Localized, for the marketer. */
  message: string;
  params?: Record<string, string | number>;
};

export type Where = { nodeId?: string; edgeId?: string; field?: string };

export class Reporter {
  readonly errors: LintIssue[] = [];
  readonly warnings: LintIssue[] = [];
  constructor(readonly locale: LintLocale) {}

  add(severity: LintSeverity, code: LintCode, where: Where, params?: Record<string, string | number>): void {
    const issue: LintIssue = { code, severity, message: lintMessage(code, params, this.locale) };
    if (where.nodeId !== undefined) issue.nodeId = where.nodeId;
    if (where.edgeId !== undefined) issue.edgeId = where.edgeId;
    if (where.field !== undefined) issue.field = where.field;
    if (params) issue.params = params;
    (severity === "error" ? this.errors : this.warnings).push(issue);
  }
  error(code: LintCode, where: Where, params?: Record<string, string | number>): void {
    this.add("error", code, where, params);
  }
  warn(code: LintCode, where: Where, params?: Record<string, string | number>): void {
    this.add("warning", code, where, params);
  }
}

export type Collect = (text: string | undefined, where: Where) => void;

/** One lint run's shared state, handed to every node type's lint. */
export type LintScope = {
  r: Reporter;
  /** Names or slugs of the queues that exist; undefined skips the queue check. */
  queues: Set<string> | undefined;
  /** Variables the flow sets (node lints add the ones they write). */
  known: Set<string>;
  /** Records `{{references}}` in a text, checked once every written variable is known. */
  collect: Collect;
  /** The media library items the flow names; undefined skips the library checks (see media-source.ts). */
  library: LibraryFacts | undefined;
  /** Status of the synced WhatsApp templates by "name/language"; undefined skips those checks. */
  templates?: Map<string, string>;
};

export type NodeLint<N> = {
  /** The node's own content. */
  lint(node: N, scope: LintScope): void;
  /** Outputs that must be connected; `has` tells whether a handle has an edge. */
  deadEnds?(node: N, has: (handle: string) => boolean, r: Reporter): void;
};

export function length(text: string): number {
  // Code points, like WhatsApp counts characters; ASCII fast path.
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

export function at(nodeId: string, field: string): Where {
  return { nodeId, field };
}

export function checkText(
  r: Reporter,
  text: string | undefined,
  max: number,
  where: Where,
  code: "text_too_long" | "header_too_long" | "footer_too_long" | "media_caption_too_long" = "text_too_long",
): void {
  if (!text) return;
  const n = length(text);
  if (n > max) r.error(code, where, { length: n, max });
}

export function checkWrittenVariable(r: Reporter, name: string, where: Where, known: Set<string>): void {
  const v = name.trim();
  if (!isValidVariableName(v)) {
    r.error("variable_name_invalid", where, { variable: name });
    return;
  }
  if (READONLY_VARIABLES.has(v) || v.startsWith("contact.")) {
    r.error("variable_reserved", where, { variable: v });
    return;
  }
  known.add(v);
}

/** http(s) URL check that tolerates `{{templates}}` (a leading one is a base URL). */
export function isHttpUrl(url: string): boolean {
  const u = url.trim();
  if (!u) return false;
  if (/^\{\{[^{}]*\}\}/.test(u)) return true;
  const probe = u.replace(/\{\{[^{}]*\}\}/g, "x");
  let parsed: URL;
  try {
    parsed = new URL(probe);
  } catch {
    return false;
  }
  return (parsed.protocol === "https:" || parsed.protocol === "http:") && parsed.hostname.length > 0;
}

export function checkQueue(r: Reporter, queue: string, where: Where, queues: Set<string> | undefined): void {
  const q = queue.trim();
  if (!q) {
    r.error("handoff_queue_missing", where);
    return;
  }
  if (queues && !queues.has(q)) r.error("handoff_queue_unknown", where, { queue: q });
}

export function lintOptionIds(r: Reporter, node: FlowNode, ids: string[], fields: string | string[], maxLength: number): void {
  const reserved = reservedHandleIds(node.type);
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const f = typeof fields === "string" ? `${fields}.${i}.id` : `${fields[i]}.id`;
    const where = { nodeId: node.id, field: f };
    if (!id.trim()) {
      r.error("option_id_empty", where, { index: i + 1 });
      return;
    }
    if (seen.has(id)) r.error("option_id_duplicate", where, { id, index: i + 1 });
    seen.add(id);
    if (reserved.includes(id)) r.error("option_id_reserved", where, { id, index: i + 1 });
    if (id.length > maxLength) r.error("option_id_too_long", where, { index: i + 1, max: maxLength });
  });
}

/**
 * Marketer patterns run on RE2 (linear time, see ../regex): refuse what it cannot compile,
 * naming the step (its label, else its kind) and the field so the marketer finds it.
 */
export function checkRegex(r: Reporter, node: FlowNode, pattern: string, where: Where, part: { rule?: number }): void {
  const problem = regexProblem(pattern);
  if (!problem) return;
  const reason = problem.kind === "syntax" ? problem.reason : problem.kind;
  r.error("regex_invalid", where, {
    pattern,
    reason,
    step: stepName(node.type, node.data.label, r.locale),
    part: regexPartName(part, r.locale),
    detail: regexReasonText(reason, problem.token, r.locale),
  });
}

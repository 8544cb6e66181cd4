/**
 * The publish lint: everything that would make a parsed draft misbehave in front of a
 * customer. Errors block publishing, warnings do not. Pure and browser-safe (the editor
 * shows the same report live). Linear in the size of the document.
 */
import { DEFAULT_MAX_STEPS } from "./engine-types";
import { type LintCode, type LintLocale, DEFAULT_LINT_LOCALE, lintMessage } from "./lint-messages";
import { normalizeText } from "./match";
import { parsePath } from "./path";
import {
  DEFAULT_HANDLE,
  ELSE_HANDLE,
  ERROR_HANDLE,
  type FlowDocument,
  type FlowNode,
  NUMERIC_OPERATORS,
  SUCCESS_HANDLE,
  VALUE_OPERATORS,
  WHATSAPP_LIMITS,
  edgeHandle,
  isTerminalNode,
  isWaitingNode,
  nodeHandles,
  reservedHandleIds,
} from "./schema";
import { BUILTIN_VARIABLES, READONLY_VARIABLES, hasTemplate, isValidVariableName, templateReferences } from "./template";
import { parseNumber, regexError } from "./values";

export type { LintCode, LintLocale } from "./lint-messages";

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

export type LintReport = { errors: LintIssue[]; warnings: LintIssue[] };

export type LintOptions = {
  /** Names or slugs of the queues that exist; undefined skips the queue check. */
  queues?: string[];
  locale?: LintLocale;
  /** The engine's per-step node budget, for the long-chain warning. */
  maxSteps?: number;
};

type Where = { nodeId?: string; edgeId?: string; field?: string };

class Reporter {
  readonly errors: LintIssue[] = [];
  readonly warnings: LintIssue[] = [];
  constructor(private readonly locale: LintLocale) {}

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

function length(text: string): number {
  // Code points, like WhatsApp counts characters; ASCII fast path.
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** A template reference to check once every variable the flow sets is known. */
type Reference = { name: string; where: Where };

export function lintFlow(doc: FlowDocument, options: LintOptions = {}): LintReport {
  const r = new Reporter(options.locale ?? DEFAULT_LINT_LOCALE);
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const edges = Array.isArray(doc.edges) ? doc.edges : [];
  const queues = options.queues ? new Set(options.queues.map((q) => q.trim())) : undefined;
  const known = new Set<string>(BUILTIN_VARIABLES);
  const refs: Reference[] = [];

  const collect = (text: string | undefined, where: Where): void => {
    if (!text || !hasTemplate(text)) return;
    for (const ref of templateReferences(text)) refs.push({ name: ref.name, where });
  };

  // ---- nodes
  const byId = new Map<string, FlowNode>();
  let startId: string | null = null;
  for (const node of nodes) {
    if (byId.has(node.id)) {
      r.error("duplicate_node_id", { nodeId: node.id, field: "id" }, { id: node.id });
      continue;
    }
    byId.set(node.id, node);
    if (node.type === "start") {
      if (startId === null) startId = node.id;
      else r.error("multiple_starts", { nodeId: node.id });
    }
    lintNode(r, node, queues, known, collect);
  }
  if (startId === null) r.error("no_start", {});

  // ---- settings
  lintSettings(r, doc, queues, collect);

  // ---- edges: validity, then the outgoing map the engine would build
  const outs = new Map<string, Map<string, string>>();
  const edgeIds = new Set<string>();
  for (const edge of edges) {
    const where: Where = { edgeId: edge.id };
    if (edgeIds.has(edge.id)) r.error("duplicate_edge_id", where, { id: edge.id });
    edgeIds.add(edge.id);
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) r.error("edge_source_missing", { ...where, field: "source" }, { source: edge.source });
    if (!target) r.error("edge_target_missing", { ...where, field: "target" }, { target: edge.target });
    if (!source) continue;
    const handle = edgeHandle(edge);
    if (!nodeHandles(source).includes(handle)) {
      r.error("edge_handle_unknown", { ...where, nodeId: source.id, field: "sourceHandle" }, { handle });
      continue;
    }
    if (!target) continue;
    let m = outs.get(source.id);
    if (!m) outs.set(source.id, (m = new Map()));
    if (m.has(handle)) {
      r.error("handle_multiple_edges", { ...where, nodeId: source.id, field: "sourceHandle" }, { handle });
      continue;
    }
    m.set(handle, target.id);
  }

  // ---- dead ends
  for (const node of byId.values()) lintDeadEnds(r, node, outs.get(node.id));

  // ---- reachability
  if (startId !== null) {
    const seen = new Set<string>([startId]);
    const stack = [startId];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      const m = outs.get(id);
      if (!m) continue;
      for (const t of m.values()) {
        if (!seen.has(t)) {
          seen.add(t);
          stack.push(t);
        }
      }
    }
    for (const node of byId.values()) {
      if (!seen.has(node.id) && node.type !== "start") r.warn("unreachable_node", { nodeId: node.id });
    }
  }

  // ---- loops and long chains among nodes that do not wait for the customer
  lintRunaways(r, byId, outs, options.maxSteps ?? DEFAULT_MAX_STEPS);

  // ---- variables
  const reported = new Set<string>();
  for (const ref of refs) {
    if (known.has(ref.name)) continue;
    const key = `${ref.where.nodeId ?? ""}|${ref.where.field ?? ""}|${ref.name}`;
    if (reported.has(key)) continue;
    reported.add(key);
    r.warn("unknown_variable", ref.where, { variable: ref.name });
  }

  return { errors: r.errors, warnings: r.warnings };
}

// ---------------------------------------------------------------------------------------
// Per-node content

type Collect = (text: string | undefined, where: Where) => void;

function checkText(
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

function checkWrittenVariable(r: Reporter, name: string, where: Where, known: Set<string>): void {
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
function isHttpUrl(url: string): boolean {
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

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function lintNode(r: Reporter, node: FlowNode, queues: Set<string> | undefined, known: Set<string>, collect: Collect): void {
  const nodeId = node.id;
  const at = (field: string): Where => ({ nodeId, field });
  switch (node.type) {
    case "start":
      return;
    case "message": {
      const d = node.data;
      collect(d.text, at("data.text"));
      if (!d.text.trim() && !d.media?.url?.trim()) r.error("text_empty", at("data.text"));
      checkText(r, d.text, WHATSAPP_LIMITS.textBody, at("data.text"));
      if (d.media) {
        collect(d.media.url, at("data.media.url"));
        collect(d.media.caption, at("data.media.caption"));
        collect(d.media.filename, at("data.media.filename"));
        if (!isHttpUrl(d.media.url)) r.error("media_url_invalid", at("data.media.url"), { url: d.media.url });
        checkText(r, d.media.caption, WHATSAPP_LIMITS.mediaCaption, at("data.media.caption"), "media_caption_too_long");
        if (d.media.kind === "audio" && d.media.caption?.trim()) r.warn("media_caption_ignored", at("data.media.caption"));
      }
      return;
    }
    case "buttons": {
      const d = node.data;
      collect(d.text, at("data.text"));
      collect(d.header, at("data.header"));
      collect(d.footer, at("data.footer"));
      if (!d.text.trim()) r.error("text_empty", at("data.text"));
      checkText(r, d.text, WHATSAPP_LIMITS.buttonsBody, at("data.text"));
      checkText(r, d.header, WHATSAPP_LIMITS.header, at("data.header"), "header_too_long");
      checkText(r, d.footer, WHATSAPP_LIMITS.footer, at("data.footer"), "footer_too_long");
      const count = d.buttons.length;
      if (count < WHATSAPP_LIMITS.buttonsMin || count > WHATSAPP_LIMITS.buttonsMax) {
        r.error("buttons_count", at("data.buttons"), { count, min: WHATSAPP_LIMITS.buttonsMin, max: WHATSAPP_LIMITS.buttonsMax });
      }
      const titles = new Map<string, number>();
      d.buttons.forEach((b, i) => {
        const f = `data.buttons.${i}.title`;
        const title = b.title.trim();
        if (!title) r.error("option_title_empty", at(f), { index: i + 1 });
        const n = length(b.title);
        if (n > WHATSAPP_LIMITS.buttonTitle) r.error("button_title_too_long", at(f), { index: i + 1, length: n, max: WHATSAPP_LIMITS.buttonTitle });
        const key = normalizeText(title);
        if (key) {
          if (titles.has(key)) r.error("button_title_duplicate", at(f), { title: b.title, index: i + 1 });
          else titles.set(key, i);
        }
      });
      lintOptionIds(r, node, d.buttons.map((b) => b.id), "data.buttons", WHATSAPP_LIMITS.buttonId);
      if (d.variable) checkWrittenVariable(r, d.variable, at("data.variable"), known);
      return;
    }
    case "list": {
      const d = node.data;
      collect(d.text, at("data.text"));
      collect(d.header, at("data.header"));
      collect(d.footer, at("data.footer"));
      if (!d.text.trim()) r.error("text_empty", at("data.text"));
      checkText(r, d.text, WHATSAPP_LIMITS.listBody, at("data.text"));
      checkText(r, d.header, WHATSAPP_LIMITS.header, at("data.header"), "header_too_long");
      checkText(r, d.footer, WHATSAPP_LIMITS.footer, at("data.footer"), "footer_too_long");
      if (!d.buttonLabel.trim()) r.error("list_button_label_empty", at("data.buttonLabel"));
      const labelLength = length(d.buttonLabel);
      if (labelLength > WHATSAPP_LIMITS.listButtonLabel) {
        r.error("list_button_label_too_long", at("data.buttonLabel"), { length: labelLength, max: WHATSAPP_LIMITS.listButtonLabel });
      }
      if (d.sections.length > WHATSAPP_LIMITS.listSectionsMax) {
        r.error("list_sections_count", at("data.sections"), { count: d.sections.length, max: WHATSAPP_LIMITS.listSectionsMax });
      }
      const ids: string[] = [];
      const idFields: string[] = [];
      const titles = new Set<string>();
      let rowNumber = 0;
      d.sections.forEach((s, si) => {
        const sf = `data.sections.${si}`;
        if (s.rows.length === 0) r.error("list_section_empty", at(`${sf}.rows`), { index: si + 1 });
        if (d.sections.length > 1 && !s.title?.trim()) r.error("list_section_title_required", at(`${sf}.title`), { index: si + 1 });
        const tl = length(s.title ?? "");
        if (tl > WHATSAPP_LIMITS.listSectionTitle) {
          r.error("list_section_title_too_long", at(`${sf}.title`), { index: si + 1, length: tl, max: WHATSAPP_LIMITS.listSectionTitle });
        }
        s.rows.forEach((row, ri) => {
          rowNumber++;
          const rf = `${sf}.rows.${ri}`;
          if (!row.title.trim()) r.error("option_title_empty", at(`${rf}.title`), { index: rowNumber });
          const n = length(row.title);
          if (n > WHATSAPP_LIMITS.listRowTitle) {
            r.error("row_title_too_long", at(`${rf}.title`), { index: rowNumber, length: n, max: WHATSAPP_LIMITS.listRowTitle });
          }
          const dl = length(row.description ?? "");
          if (dl > WHATSAPP_LIMITS.listRowDescription) {
            r.error("row_description_too_long", at(`${rf}.description`), { index: rowNumber, length: dl, max: WHATSAPP_LIMITS.listRowDescription });
          }
          const key = normalizeText(row.title);
          if (key) {
            if (titles.has(key)) r.warn("row_title_duplicate", at(`${rf}.title`), { title: row.title, index: rowNumber });
            titles.add(key);
          }
          ids.push(row.id);
          idFields.push(rf);
        });
      });
      if (rowNumber === 0 || rowNumber > WHATSAPP_LIMITS.listRowsMax) {
        r.error("list_rows_count", at("data.sections"), { count: rowNumber, max: WHATSAPP_LIMITS.listRowsMax });
      }
      lintOptionIds(r, node, ids, idFields, WHATSAPP_LIMITS.listRowId);
      if (d.variable) checkWrittenVariable(r, d.variable, at("data.variable"), known);
      return;
    }
    case "question": {
      const d = node.data;
      collect(d.text, at("data.text"));
      collect(d.errorText, at("data.errorText"));
      if (!d.text.trim()) r.error("text_empty", at("data.text"));
      checkText(r, d.text, WHATSAPP_LIMITS.textBody, at("data.text"));
      checkText(r, d.errorText, WHATSAPP_LIMITS.textBody, at("data.errorText"));
      if (d.variable.trim()) checkWrittenVariable(r, d.variable, at("data.variable"), known);
      else r.warn("question_variable_missing", at("data.variable"));
      const v = d.validation;
      if (v.kind === "regex") {
        if (!v.pattern) r.error("regex_missing", at("data.validation.pattern"));
        else {
          const detail = regexError(v.pattern);
          if (detail) r.error("regex_invalid", at("data.validation.pattern"), { pattern: v.pattern, detail });
        }
      }
      if ((v.kind === "number" || v.kind === "text") && v.min !== undefined && v.max !== undefined && v.min > v.max) {
        r.error("range_invalid", at("data.validation.min"), { min: v.min, max: v.max });
      }
      return;
    }
    case "condition": {
      const d = node.data;
      if (d.rules.length === 0) r.warn("condition_no_rules", at("data.rules"));
      d.rules.forEach((rule, i) => {
        const f = `data.rules.${i}`;
        const index = i + 1;
        if (rule.operator === "business_hours") {
          const value = (rule.value ?? "").trim().toLowerCase();
          if (value && value !== "open" && value !== "closed") {
            r.error("condition_business_hours_value", at(`${f}.value`), { index, value: rule.value ?? "" });
          }
          return;
        }
        if (!rule.variable.trim()) r.error("condition_variable_missing", at(`${f}.variable`), { index });
        else refsOfVariable(rule.variable.trim(), at(`${f}.variable`), collect);
        if (!VALUE_OPERATORS.has(rule.operator)) return;
        const value = rule.value ?? "";
        if (!value.trim()) {
          r.error("condition_value_missing", at(`${f}.value`), { index });
          return;
        }
        if (rule.operator === "matches") {
          // Matched case-insensitively at run time; the flag does not change validity.
          const detail = regexError(value);
          if (detail) r.error("regex_invalid", at(`${f}.value`), { pattern: value, detail });
          return;
        }
        collect(value, at(`${f}.value`));
        if (NUMERIC_OPERATORS.has(rule.operator) && !hasTemplate(value) && Number.isNaN(parseNumber(value))) {
          r.error("condition_number_invalid", at(`${f}.value`), { index, value });
        }
      });
      lintOptionIds(r, node, d.rules.map((x) => x.id), "data.rules", Number.POSITIVE_INFINITY);
      return;
    }
    case "set_variable": {
      const d = node.data;
      collect(d.value, at("data.value"));
      checkWrittenVariable(r, d.variable, at("data.variable"), known);
      return;
    }
    case "http_request": {
      const d = node.data;
      collect(d.url, at("data.url"));
      if (!isHttpUrl(d.url)) r.error("http_url_invalid", at("data.url"), { url: d.url });
      for (const [name, value] of Object.entries(d.headers)) {
        const f = `data.headers.${name}`;
        if (!HEADER_NAME.test(name.trim())) r.error("http_header_invalid", at(f), { header: name });
        collect(value, at(f));
      }
      if (d.body !== undefined && d.body.trim() !== "") {
        collect(d.body, at("data.body"));
        if (d.method === "GET") r.warn("http_body_ignored", at("data.body"));
      }
      d.save.forEach((s, i) => {
        checkWrittenVariable(r, s.variable, at(`data.save.${i}.variable`), known);
        if (parsePath(s.path) === null) r.error("http_save_path_invalid", at(`data.save.${i}.path`), { path: s.path });
      });
      return;
    }
    case "handoff": {
      const d = node.data;
      collect(d.text, at("data.text"));
      collect(d.note, at("data.note"));
      checkText(r, d.text, WHATSAPP_LIMITS.textBody, at("data.text"));
      checkQueue(r, d.queue, at("data.queue"), queues);
      return;
    }
    case "end": {
      collect(node.data.text, at("data.text"));
      checkText(r, node.data.text, WHATSAPP_LIMITS.textBody, at("data.text"));
      return;
    }
  }
}

// A condition reads a variable by name, which counts as a reference like `{{name}}`.
function refsOfVariable(name: string, where: Where, collect: Collect): void {
  collect(`{{${name}}}`, where);
}

function checkQueue(r: Reporter, queue: string, where: Where, queues: Set<string> | undefined): void {
  const q = queue.trim();
  if (!q) {
    r.error("handoff_queue_missing", where);
    return;
  }
  if (queues && !queues.has(q)) r.error("handoff_queue_unknown", where, { queue: q });
}

function lintOptionIds(r: Reporter, node: FlowNode, ids: string[], fields: string | string[], maxLength: number): void {
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

function lintSettings(r: Reporter, doc: FlowDocument, queues: Set<string> | undefined, collect: Collect): void {
  const s = doc.settings;
  if (!s) return;
  collect(s.invalidInputMessage, { field: "settings.invalidInputMessage" });
  const seen = new Set<string>();
  (s.globalKeywords ?? []).forEach((kw, i) => {
    const f = `settings.globalKeywords.${i}`;
    const words = (kw.keywords ?? []).map((k) => normalizeText(k)).filter(Boolean);
    if (words.length === 0) r.warn("keyword_empty", { field: `${f}.keywords` });
    for (const w of words) {
      if (seen.has(w)) r.warn("keyword_duplicate", { field: `${f}.keywords` }, { keyword: w });
      seen.add(w);
    }
    collect(kw.text, { field: `${f}.text` });
    if (kw.action === "handoff") checkQueue(r, kw.queue ?? "", { field: `${f}.queue` }, queues);
  });
}

// ---------------------------------------------------------------------------------------
// Graph shape

function lintDeadEnds(r: Reporter, node: FlowNode, outs: Map<string, string> | undefined): void {
  if (isTerminalNode(node.type)) return;
  const has = (h: string) => outs?.has(h) ?? false;
  const nodeId = node.id;
  switch (node.type) {
    case "start":
      if (!has(DEFAULT_HANDLE)) r.error("start_not_connected", { nodeId });
      return;
    case "message":
    case "set_variable":
      // The engine closes the conversation gracefully here; a final message without an
      // End node is a common, legitimate ending, so this only warns.
      if (!has(DEFAULT_HANDLE)) r.warn("flow_stops_here", { nodeId });
      return;
    case "buttons":
      node.data.buttons.forEach((b, i) => {
        if (b.id && !has(b.id)) r.error("dead_end_option", { nodeId, field: `data.buttons.${i}` }, { title: b.title, handle: b.id });
      });
      return;
    case "list":
      node.data.sections.forEach((s, si) => {
        s.rows.forEach((row, ri) => {
          if (row.id && !has(row.id)) {
            r.error("dead_end_option", { nodeId, field: `data.sections.${si}.rows.${ri}` }, { title: row.title, handle: row.id });
          }
        });
      });
      return;
    case "question":
      if (!has(DEFAULT_HANDLE)) r.error("dead_end_answer", { nodeId });
      return;
    case "condition":
      node.data.rules.forEach((rule, i) => {
        if (rule.id && !has(rule.id)) r.error("dead_end_rule", { nodeId, field: `data.rules.${i}` }, { index: i + 1, handle: rule.id });
      });
      if (!has(ELSE_HANDLE)) r.error("dead_end_else", { nodeId }, { handle: ELSE_HANDLE });
      return;
    case "http_request":
      // `invalid` handles are optional everywhere: unconnected, the engine re-prompts.
      if (!has(SUCCESS_HANDLE)) r.error("dead_end_http_success", { nodeId }, { handle: SUCCESS_HANDLE });
      if (!has(ERROR_HANDLE)) r.error("dead_end_http_error", { nodeId }, { handle: ERROR_HANDLE });
      return;
  }
}

/**
 * Loops that never wait for the customer (an error: the engine's step guard would hand
 * every such conversation to a human) and straight runs longer than the guard (a warning).
 * Tarjan's SCC over the non-waiting subgraph; it emits components in reverse topological
 * order, which also gives the longest chain in the same pass. HTTP request nodes count as
 * non-waiting: a loop through one calls the service forever.
 */
function lintRunaways(
  r: Reporter,
  byId: Map<string, FlowNode>,
  outs: Map<string, Map<string, string>>,
  maxSteps: number,
): void {
  const runs = (id: string): boolean => {
    const n = byId.get(id);
    return n !== undefined && !isWaitingNode(n.type) && !isTerminalNode(n.type);
  };
  const succ = (id: string): string[] => {
    const m = outs.get(id);
    if (!m) return [];
    const list: string[] = [];
    for (const t of m.values()) if (runs(t)) list.push(t);
    return list;
  };

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const chain = new Map<string, number>(); // longest run of non-waiting nodes from here
  let counter = 0;
  let longest = 0;
  let longestAt: string | null = null;

  for (const rootId of byId.keys()) {
    if (!runs(rootId) || index.has(rootId)) continue;
    // Iterative DFS: frames of (node, successors, next successor position).
    const frames: { id: string; next: string[]; i: number }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      frames.push({ id, next: succ(id), i: 0 });
    };
    open(rootId);
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      if (f.i < f.next.length) {
        const w = f.next[f.i++];
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(f.id, Math.min(low.get(f.id) as number, index.get(w) as number));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1];
        low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(f.id) as number));
      }
      if (low.get(f.id) !== index.get(f.id)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== f.id);
      const selfLoop = component.length === 1 && f.next.includes(f.id);
      if (component.length > 1 || selfLoop) {
        const ordered = component.reverse();
        const shown = ordered.slice(0, 6).join(" → ") + (ordered.length > 6 ? " → …" : "");
        r.error("non_waiting_cycle", { nodeId: ordered[0] }, { count: ordered.length, nodes: shown });
        for (const id of component) chain.set(id, 0);
        continue;
      }
      let best = 0;
      for (const t of f.next) best = Math.max(best, chain.get(t) ?? 0);
      const length = best + 1;
      chain.set(f.id, length);
      if (length > longest) {
        longest = length;
        longestAt = f.id;
      }
    }
  }
  // The waiting or terminal node at the end of the run is one more visit.
  if (longestAt !== null && longest + 1 > maxSteps) {
    r.warn("chain_too_long", { nodeId: longestAt }, { count: longest, max: maxSteps });
  }
}

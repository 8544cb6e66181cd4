/**
 * The flow interpreter: a pure function from (document, state, customer input, context)
 * to (new state, messages to send, effects for the runtime). No I/O, no clock, no
 * randomness: the runtime supplies time, business hours, contact and protocol, and
 * performs the effects (handoff, close, HTTP calls). It never throws for a document that
 * passed `flowDocumentSchema`: every failure becomes an `error` plus a handoff to a human.
 */
import { isOpen } from "./business-hours";
import { type DocIndex, type NodeRecord, indexFlow, optionsOf } from "./engine-index";
import {
  DEFAULT_MAX_STEPS,
  PATH_LIMIT,
  type FlowEffect,
  type FlowInput,
  type FlowState,
  type FlowStatus,
  type HttpRequestSpec,
  type OutboundMessage,
  type StepContext,
  type StepErrorCode,
  type StepResult,
} from "./engine-types";
import { matchOption, normalizeText } from "./match";
import { extractPath, stringifyValue } from "./path";
import {
  type ButtonsNode,
  type ConditionNode,
  DEFAULT_HANDLE,
  ELSE_HANDLE,
  ERROR_HANDLE,
  type FlowDocument,
  type FlowNode,
  type GlobalKeyword,
  type HttpRequestNode,
  INVALID_HANDLE,
  type ListNode,
  type MessageNode,
  SUCCESS_HANDLE,
  WHATSAPP_LIMITS,
  isWaitingNode,
} from "./schema";
import { renderWithScope } from "./template";
import { REGEX_INPUT_LIMIT, checkAnswer, compileRegex, parseNumber } from "./values";

export type {
  FlowEffect,
  FlowInput,
  FlowState,
  FlowStatus,
  HttpRequestSpec,
  OutboundMedia,
  OutboundMessage,
  StepContext,
  StepErrorCode,
  StepResult,
} from "./engine-types";
export { DEFAULT_MAX_STEPS, PATH_LIMIT } from "./engine-types";

export function initialState(): FlowState {
  return { nodeId: null, status: "running", variables: {}, invalidAttempts: 0, path: [] };
}

type Outcome = { nodeId: string | null; status: FlowStatus; invalidAttempts: number };

class StepFailure {
  constructor(
    readonly code: StepErrorCode,
    readonly message: string,
    readonly nodeId: string | null,
  ) {}
}

/** Mutable scratch space of one `step` call. */
class Run {
  outputs: OutboundMessage[] = [];
  effects: FlowEffect[] = [];
  visited: string[] = [];
  visits = 0;
  vars: Record<string, string>;
  private varsOwned = false;
  readonly maxSteps: number;

  constructor(
    readonly flow: FlowDocument,
    readonly idx: DocIndex,
    variables: Record<string, string>,
    readonly ctx: StepContext,
  ) {
    this.vars = variables && typeof variables === "object" ? variables : {};
    const max = ctx.maxSteps;
    this.maxSteps = typeof max === "number" && max > 0 ? max : DEFAULT_MAX_STEPS;
  }

  get(name: string): string | undefined {
    switch (name) {
      case "contact.name":
        return this.ctx.contact?.name ?? "";
      case "contact.first_name":
        return (this.ctx.contact?.name ?? "").trim().split(/\s+/)[0] ?? "";
      case "contact.phone":
        return this.ctx.contact?.phone ?? "";
      case "protocol":
        return this.ctx.protocol ?? "";
    }
    const v = this.vars;
    return  Object.hasOwn(v, name) ? v[name] : undefined;
  }

  set(name: string, value: string): void {
    if (!name) return;
    // Copy on first write: the caller's state is never mutated.
    if (!this.varsOwned) {
      this.vars = { ...this.vars };
      this.varsOwned = true;
    }
    // A variable literally named "__proto__" must become data, not a prototype swap.
    if (name === "__proto__") {
      Object.defineProperty(this.vars, name, { value, enumerable: true, writable: true, configurable: true });
    } else {
      this.vars[name] = value;
    }
  }

  render(text: string | undefined): string {
    if (!text) return "";
    return text.indexOf("{{") === -1 ? text : renderWithScope(text, this);
  }

  say(text: string | undefined): void {
    const t = this.render(text);
    if (t.trim()) this.outputs.push({ kind: "text", text: t });
  }
}

// ---------------------------------------------------------------------------------------
// Public entry point

export function step(flow: FlowDocument, state: FlowState, input: FlowInput, context: StepContext): StepResult {
  const prior = normalizeState(state);
  try {
    return stepUnsafe(flow, prior, input, context);
  } catch (e) {
    // Last line of defence: a bug here must hand the customer to a person, not crash the worker.
    const message = e instanceof StepFailure ? e.message : e instanceof Error ? e.message : String(e);
    const code = e instanceof StepFailure ? e.code : "runtime";
    return {
      state: { ...prior, status: "handoff" },
      outputs: [],
      effects: [{ type: "handoff", queue: "", reason: "error" }],
      error: { code, message },
    };
  }
}

// States come back from the database as JSON; repair a malformed one instead of failing,
// but hand a well-formed one through untouched (no-op steps return the very same object).
function normalizeState(state: FlowState | null | undefined): FlowState {
  if (!state || typeof state !== "object") return initialState();
  if (
    (state.nodeId === null || typeof state.nodeId === "string") &&
    typeof state.status === "string" &&
    state.variables !== null &&
    typeof state.variables === "object" &&
    Number.isFinite(state.invalidAttempts) &&
    Array.isArray(state.path)
  ) {
    return state;
  }
  return {
    nodeId: typeof state.nodeId === "string" ? state.nodeId : null,
    status: state.status ?? "running",
    variables: state.variables && typeof state.variables === "object" ? state.variables : {},
    invalidAttempts: Number.isFinite(state.invalidAttempts) ? state.invalidAttempts : 0,
    path: Array.isArray(state.path) ? state.path : [],
  };
}

function unchanged(state: FlowState): StepResult {
  return { state, outputs: [], effects: [] };
}

function stepUnsafe(flow: FlowDocument, state: FlowState, input: FlowInput, ctx: StepContext): StepResult {
  const finished = state.status === "handoff" || state.status === "ended";
  // The bot has let go: only a new conversation ("start") runs again, with fresh variables.
  if (finished && input.kind !== "start") return unchanged(state);
  const idx = indexFlow(flow);
  const run = new Run(flow, idx, finished ? {} : state.variables, ctx);
  const current = state.nodeId !== null ? idx.nodes.get(state.nodeId) : undefined;
  let outcome: Outcome;
  let freshPath = false;

  try {
    switch (input.kind) {
      case "start":
        freshPath = true;
        outcome = startConversation(run, input.text, state.nodeId);
        break;
      case "text": {
        const kw = findKeyword(idx, input.text);
        if (kw) {
          outcome = applyKeyword(run, kw, current ? current.node.id : null);
        } else if (state.status === "waiting" && current && isWaitingNode(current.node.type)) {
          outcome = answer(run, current, input, state.invalidAttempts);
        } else if (state.status === "awaiting_http" && current?.node.type === "http_request") {
          return unchanged(state); // the HTTP result is still pending
        } else {
          // Not started yet, or the node vanished (a state older than the document).
          outcome = runFromStart(run);
        }
        break;
      }
      case "reply":
      case "unsupported":
        if (state.status === "waiting" && current && isWaitingNode(current.node.type)) {
          outcome = answer(run, current, input, state.invalidAttempts);
        } else if (state.status === "awaiting_http" && current?.node.type === "http_request") {
          return unchanged(state);
        } else {
          outcome = runFromStart(run);
        }
        break;
      case "http_result":
        if (state.status !== "awaiting_http") return unchanged(state); // stale or duplicate result
        if (current?.node.type === "http_request") outcome = resumeHttp(run, current, input);
        else outcome = runFromStart(run);
        break;
      default:
        return unchanged(state);
    }
  } catch (e) {
    if (!(e instanceof StepFailure)) throw e;
    return failure(run, state, e, freshPath);
  }

  return {
    state: {
      nodeId: outcome.nodeId,
      status: outcome.status,
      variables: run.vars,
      invalidAttempts: outcome.invalidAttempts,
      path: mergePath(freshPath ? [] : state.path, run.visited),
    },
    outputs: run.outputs,
    effects: run.effects,
  };
}

function failure(run: Run, state: FlowState, e: StepFailure, freshPath: boolean): StepResult {
  // A runaway loop would flood the customer: drop its messages. Other failures keep what
  // was already said before the failing node.
  const outputs = e.code === "step_limit" ? [] : run.outputs;
  const effects: FlowEffect[] = run.effects.filter((x) => x.type !== "http_request");
  effects.push({ type: "handoff", queue: "", reason: "error" });
  return {
    state: {
      nodeId: e.nodeId,
      status: "handoff",
      variables: run.vars,
      invalidAttempts: 0,
      path: mergePath(freshPath ? [] : state.path, run.visited),
    },
    outputs,
    effects,
    error: { code: e.code, message: e.message },
  };
}

function mergePath(base: string[], visited: string[]): string[] {
  if (visited.length === 0) return base;
  if (base.length === 0) return visited.length <= PATH_LIMIT ? visited : visited.slice(visited.length - PATH_LIMIT);
  const total = base.length + visited.length;
  if (visited.length >= PATH_LIMIT) return visited.slice(visited.length - PATH_LIMIT);
  // One allocation: keep the tail of the old path, append this step's visits.
  const out = total <= PATH_LIMIT ? base.slice() : base.slice(total - PATH_LIMIT);
  for (let i = 0; i < visited.length; i++) out.push(visited[i]);
  return out;
}

// ---------------------------------------------------------------------------------------
// Starting, keywords

function startConversation(run: Run, text: string | undefined, currentId: string | null): Outcome {
  if (typeof text === "string" && text.trim()) {
    run.set("input", text.trim());
    const kw = findKeyword(run.idx, text);
    if (kw && kw.action !== "restart") return applyKeyword(run, kw, currentId && run.idx.nodes.has(currentId) ? currentId : null);
  }
  return runFromStart(run);
}

function runFromStart(run: Run): Outcome {
  const startId = run.idx.startId;
  if (startId === null) throw new StepFailure("bad_document", "The flow has no start node", null);
  return runFrom(run, startId, null);
}

function findKeyword(idx: DocIndex, text: string): GlobalKeyword | undefined {
  if (idx.keywords.size === 0 || typeof text !== "string") return undefined;
  return idx.keywords.get(normalizeText(text));
}

function applyKeyword(run: Run, kw: GlobalKeyword, currentId: string | null): Outcome {
  switch (kw.action) {
    case "restart":
      run.say(kw.text);
      return runFromStart(run);
    case "handoff":
      run.say(kw.text);
      run.effects.push({ type: "handoff", queue: kw.queue ?? "", reason: "keyword" });
      return { nodeId: currentId, status: "handoff", invalidAttempts: 0 };
    case "end":
      run.say(kw.text);
      run.effects.push({ type: "close", reason: "keyword" });
      return { nodeId: currentId, status: "ended", invalidAttempts: 0 };
  }
}

// ---------------------------------------------------------------------------------------
// Running nodes until the bot must wait

function endGracefully(run: Run, lastId: string | null): Outcome {
  run.effects.push({ type: "close", reason: "end" });
  return { nodeId: lastId, status: "ended", invalidAttempts: 0 };
}

function runFrom(run: Run, firstId: string, fromId: string | null): Outcome {
  const nodes = run.idx.nodes;
  let id = firstId;
  let lastId = fromId;
  for (;;) {
    const rec = nodes.get(id);
    if (!rec) return endGracefully(run, lastId);
    if (++run.visits > run.maxSteps) {
      throw new StepFailure(
        "step_limit",
        `More than ${run.maxSteps} nodes ran without waiting for the customer (a loop?) at node "${id}"`,
        id,
      );
    }
    run.visited.push(id);
    const node = rec.node;
    let next: string | undefined;
    switch (node.type) {
      case "start":
        next = rec.outs.get(DEFAULT_HANDLE);
        break;
      case "message":
        emitMessage(run, node);
        next = rec.outs.get(DEFAULT_HANDLE);
        break;
      case "set_variable":
        run.set(node.data.variable, run.render(node.data.value));
        next = rec.outs.get(DEFAULT_HANDLE);
        break;
      case "condition":
        next = rec.outs.get(evaluateCondition(run, node));
        break;
      case "buttons":
      case "list":
      case "question":
        prompt(run, rec);
        return { nodeId: id, status: "waiting", invalidAttempts: 0 };
      case "http_request":
        run.effects.push({ type: "http_request", nodeId: id, request: buildRequest(run, node) });
        return { nodeId: id, status: "awaiting_http", invalidAttempts: 0 };
      case "handoff": {
        run.say(node.data.text);
        const note = run.render(node.data.note).trim();
        run.effects.push(
          note
            ? { type: "handoff", queue: node.data.queue ?? "", reason: "node", note }
            : { type: "handoff", queue: node.data.queue ?? "", reason: "node" },
        );
        return { nodeId: id, status: "handoff", invalidAttempts: 0 };
      }
      case "end":
        run.say(node.data.text);
        run.effects.push({ type: "close", reason: "end" });
        return { nodeId: id, status: "ended", invalidAttempts: 0 };
      default:
        // Unknown type from a newer editor: treat as a dead end rather than guess.
        return endGracefully(run, id);
    }
    lastId = id;
    if (next === undefined) return endGracefully(run, id);
    id = next;
  }
}

function emitMessage(run: Run, node: MessageNode): void {
  run.say(node.data.text);
  const media = node.data.media;
  if (!media) return;
  const url = run.render(media.url).trim();
  if (!url) return;
  const out: { kind: typeof media.kind; url: string; caption?: string; filename?: string } = { kind: media.kind, url };
  const caption = run.render(media.caption).trim();
  if (caption && media.kind !== "audio") out.caption = caption;
  const filename = run.render(media.filename).trim();
  if (filename && media.kind === "document") out.filename = filename;
  run.outputs.push({ kind: "media", media: out });
}

// ---------------------------------------------------------------------------------------
// Prompts of waiting nodes

function prompt(run: Run, rec: NodeRecord): void {
  const built = buildPrompt(run, rec.node);
  if (built) run.outputs.push(built);
}

function optional(run: Run, text: string | undefined): string | undefined {
  const t = run.render(text).trim();
  return t ? t : undefined;
}

function buildPrompt(run: Run, node: FlowNode): OutboundMessage | null {
  switch (node.type) {
    case "question": {
      const text = run.render(node.data.text);
      return text.trim() ? { kind: "text", text } : null;
    }
    case "buttons":
      return buttonsPrompt(run, node);
    case "list":
      return listPrompt(run, node);
    default:
      return null;
  }
}

/**
 * Out-of-limit option counts (possible only in unpublished drafts run by the simulator)
 * fall back to a numbered text menu, which typed-number matching still understands.
 */
function numberedMenu(text: string, options: { title: string }[]): OutboundMessage {
  const lines = options.map((o, i) => `${i + 1}. ${o.title}`);
  return { kind: "text", text: [text, ...lines].filter((l) => l.trim()).join("\n") || "…" };
}

function buttonsPrompt(run: Run, node: ButtonsNode): OutboundMessage {
  const d = node.data;
  const text = run.render(d.text);
  const buttons = d.buttons;
  if (buttons.length < WHATSAPP_LIMITS.buttonsMin || buttons.length > WHATSAPP_LIMITS.buttonsMax) {
    return numberedMenu(text, buttons);
  }
  const msg: Extract<OutboundMessage, { kind: "buttons" }> = {
    kind: "buttons",
    text,
    buttons: buttons.map((b) => ({ id: b.id, title: b.title })),
  };
  const header = optional(run, d.header);
  if (header) msg.header = header;
  const footer = optional(run, d.footer);
  if (footer) msg.footer = footer;
  return msg;
}

function listPrompt(run: Run, node: ListNode): OutboundMessage {
  const d = node.data;
  const text = run.render(d.text);
  const rows = optionsOf(node) ?? [];
  if (rows.length === 0 || rows.length > WHATSAPP_LIMITS.listRowsMax) return numberedMenu(text, rows);
  const msg: Extract<OutboundMessage, { kind: "list" }> = {
    kind: "list",
    text,
    buttonLabel: d.buttonLabel,
    sections: d.sections
      .filter((s) => s.rows.length > 0)
      .map((s) => {
        const section: { title?: string; rows: { id: string; title: string; description?: string }[] } = {
          rows: s.rows.map((r) =>
            r.description ? { id: r.id, title: r.title, description: r.description } : { id: r.id, title: r.title },
          ),
        };
        if (s.title) section.title = s.title;
        return section;
      }),
  };
  const header = optional(run, d.header);
  if (header) msg.header = header;
  const footer = optional(run, d.footer);
  if (footer) msg.footer = footer;
  return msg;
}

// ---------------------------------------------------------------------------------------
// Answers at waiting nodes

type AnswerInput = Extract<FlowInput, { kind: "text" | "reply" | "unsupported" }>;

function answer(run: Run, rec: NodeRecord, input: AnswerInput, attempts: number): Outcome {
  const node = rec.node;
  if (input.kind === "unsupported") return invalid(run, rec, attempts);
  if (node.type === "buttons" || node.type === "list") {
    const options = rec.options;
    const i = options ? matchOption(options, input) : -1;
    if (i === -1 || !options) return invalid(run, rec, attempts);
    const title = options.titles[i];
    run.set("input", title);
    if (node.data.variable) run.set(node.data.variable, title);
    const next = rec.outs.get(options.ids[i]);
    return next === undefined ? endGracefully(run, node.id) : runFrom(run, next, node.id);
  }
  if (node.type === "question") {
    const raw = input.kind === "text" ? input.text : (input.title ?? input.id);
    const verdict = checkAnswer(typeof raw === "string" ? raw : "", node.data.validation);
    if (verdict === "bad_pattern") {
      throw new StepFailure("runtime", `The validation pattern of question "${node.id}" is not a valid regular expression`, node.id);
    }
    if (verdict === "invalid") return invalid(run, rec, attempts);
    const value = raw.trim();
    run.set("input", value);
    if (node.data.variable) run.set(node.data.variable, value);
    const next = rec.outs.get(DEFAULT_HANDLE);
    return next === undefined ? endGracefully(run, node.id) : runFrom(run, next, node.id);
  }
  return runFromStart(run);
}

function invalid(run: Run, rec: NodeRecord, attempts: number): Outcome {
  const node = rec.node;
  const count = Math.min(attempts + 1, 1_000_000);
  const settings = run.flow.settings;
  const max = settings?.maxInvalidAttempts ?? 2;
  const target = rec.outs.get(INVALID_HANDLE);
  if (target !== undefined && count >= max) return runFrom(run, target, node.id);
  const custom = node.type === "question" ? node.data.errorText : undefined;
  run.say(custom?.trim() ? custom : settings?.invalidInputMessage);
  prompt(run, rec);
  return { nodeId: node.id, status: "waiting", invalidAttempts: count };
}

// ---------------------------------------------------------------------------------------
// Conditions

// Opening hours only change by the minute and time-zone math (Intl) is the costliest part
// of a step: remember the last answer per hours object. Hours objects are not mutated.
const openCache = new WeakMap<object, { minute: number; open: boolean }>();

function isOpenCached(ctx: StepContext): boolean {
  const hours = ctx.businessHours;
  const t = ctx.now instanceof Date ? ctx.now.getTime() : Number.NaN;
  if (!hours || typeof hours !== "object" || !Number.isFinite(t)) return false;
  const minute = Math.floor(t / 60_000);
  const hit = openCache.get(hours);
  if (hit && hit.minute === minute) return hit.open;
  let open = false;
  try {
    open = isOpen(hours, new Date(minute * 60_000));
  } catch {
    open = false;
  }
  openCache.set(hours, { minute, open });
  return open;
}

function evaluateCondition(run: Run, node: ConditionNode): string {
  for (const rule of node.data.rules) {
    if (ruleMatches(run, node, rule)) return rule.id;
  }
  return ELSE_HANDLE;
}

function ruleMatches(run: Run, node: ConditionNode, rule: ConditionNode["data"]["rules"][number]): boolean {
  if (rule.operator === "business_hours") {
    const wantOpen = (rule.value ?? "").trim().toLowerCase() !== "closed";
    return isOpenCached(run.ctx) === wantOpen;
  }
  const left = run.get(rule.variable.trim()) ?? "";
  switch (rule.operator) {
    case "is_set":
      return left.trim() !== "";
    case "is_empty":
      return left.trim() === "";
    case "matches": {
      const pattern = rule.value ?? "";
      const re = compileRegex(pattern, "i");
      if (!re) {
        throw new StepFailure("runtime", `Condition "${node.id}" has an invalid regular expression: ${pattern}`, node.id);
      }
      return re.test(left.length > REGEX_INPUT_LIMIT ? left.slice(0, REGEX_INPUT_LIMIT) : left);
    }
  }
  const right = run.render(rule.value);
  switch (rule.operator) {
    case "equals":
      return normalizeText(left) === normalizeText(right);
    case "not_equals":
      return normalizeText(left) !== normalizeText(right);
    case "contains":
      return normalizeText(left).includes(normalizeText(right));
    case "starts_with":
      return normalizeText(left).startsWith(normalizeText(right));
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const a = parseNumber(left);
      const b = parseNumber(right);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      if (rule.operator === "gt") return a > b;
      if (rule.operator === "gte") return a >= b;
      if (rule.operator === "lt") return a < b;
      return a <= b;
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------
// HTTP request node

const CRLF = /[\r\n]+/g;

function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function buildRequest(run: Run, node: HttpRequestNode): HttpRequestSpec {
  const d = node.data;
  // Values are URL-encoded so "{{nombre}}" with spaces or "&" cannot break the query; a
  // placeholder at the very start is a base URL and is left as is.
  const url = renderWithScope(d.url, run, {
    escape: (v, offset) => (offset === 0 ? v : encodeURIComponent(v)),
  }).trim();
  const headers: Record<string, string> = {};
  let contentType: string | undefined;
  for (const [rawName, rawValue] of Object.entries(d.headers ?? {})) {
    const name = rawName.trim();
    if (!name || /[\r\n]/.test(name)) continue;
    // Header injection guard: a variable must not smuggle a second header line.
    const value = run.render(rawValue).replace(CRLF, " ");
    headers[name] = value;
    if (name.toLowerCase() === "content-type") contentType = value;
  }
  const method = d.method ?? "GET";
  const request: HttpRequestSpec = { method, url, headers, timeoutMs: d.timeoutMs };
  if (d.body !== undefined && d.body !== "" && method !== "GET") {
    const looksJson = contentType ? /json/i.test(contentType) : /^\s*[[{]/.test(d.body);
    // Inside JSON, values are escaped so a quote in a customer's answer keeps the body valid.
    request.body = looksJson ? renderWithScope(d.body, run, { escape: jsonEscape }) : run.render(d.body);
    if (!contentType && looksJson) headers["Content-Type"] = "application/json";
  }
  return request;
}

function resumeHttp(run: Run, rec: NodeRecord, result: Extract<FlowInput, { kind: "http_result" }>): Outcome {
  const node = rec.node as HttpRequestNode;
  if (result.ok) {
    const envelope = { ok: true, status: result.status, data: result.data };
    for (const s of node.data.save ?? []) {
      if (!s.variable) continue;
      // Paths are read from the response body; "data.x" / "status" also work against
      // the { status, data } envelope for people who think of the result that way.
      let value = extractPath(result.data, s.path);
      if (value === undefined) value = extractPath(envelope, s.path);
      run.set(s.variable, stringifyValue(value));
    }
  }
  const next = rec.outs.get(result.ok ? SUCCESS_HANDLE : ERROR_HANDLE);
  return next === undefined ? endGracefully(run, node.id) : runFrom(run, next, node.id);
}

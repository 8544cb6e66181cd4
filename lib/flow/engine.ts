/**
 * The flow interpreter: a pure function from (document, state, customer input, context)
 * to (new state, messages to send, effects for the runtime). No I/O, no clock, no
 * randomness: the runtime supplies time, business hours, contact and protocol, and
 * performs the effects (handoff, close, HTTP calls). It never throws for a document that
 * passed `flowDocumentSchema`: every failure becomes an `error` plus a handoff to a human.
 */
import { type DocIndex, type NodeRecord, indexFlow } from "./engine-index";
import {
  DEFAULT_MAX_STEPS,
  PATH_LIMIT,
  type FlowEffect,
  type FlowInput,
  type FlowState,
  type FlowStatus,
  type OutboundMessage,
  type StepContext,
  type StepResult,
} from "./engine-types";
import { normalizeText } from "./match";
import { definitionOf } from "./nodes";
import { StepFailure, type Run as NodeRun } from "./nodes/engine-kit";
import { type FlowDocument, type GlobalKeyword, INVALID_HANDLE, isWaitingNode } from "./schema";
import { renderWithScope } from "./template";

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

/** Mutable scratch space of one `step` call. */
class Run implements NodeRun {
  outputs: OutboundMessage[] = [];
  effects: FlowEffect[] = [];
  visited: string[] = [];
  visits = 0;
  answered: StepResult["answered"];
  /** Contact fields saved during this step: `{{contact.<field>}}` reads them before the stored profile. */
  private savedFields: Map<string, string> | null = null;
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
    if (Object.hasOwn(v, name)) return v[name];
    if (name.startsWith("contact.")) {
      const key = name.slice(8);
      const saved = this.savedFields?.get(key);
      if (saved !== undefined) return saved;
      const fields = this.ctx.contact?.fields;
      return fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
    }
    return undefined;
  }

  saveContactField(nodeId: string, field: string, value: string): void {
    const key = field.trim();
    if (!key) return;
    if (!this.savedFields) this.savedFields = new Map();
    this.savedFields.set(key, value);
    this.effects.push({ type: "save_contact_field", nodeId, field: key, value });
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
  if (ctx.quotedProtocol) run.set("quotedProtocol", ctx.quotedProtocol);
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
        } else if (state.status === "awaiting_http" && current && awaitsHttp(current)) {
          return unchanged(state); // the HTTP result is still pending
        } else {
          // Not started yet, or the node vanished (a state older than the document).
          outcome = runFromStart(run);
        }
        break;
      }
      case "reply":
      case "media":
      case "unsupported":
        if (state.status === "waiting" && current && isWaitingNode(current.node.type)) {
          outcome = answer(run, current, input, state.invalidAttempts);
        } else if (state.status === "awaiting_http" && current && awaitsHttp(current)) {
          return unchanged(state);
        } else {
          outcome = runFromStart(run);
        }
        break;
      case "http_result":
        if (state.status !== "awaiting_http") return unchanged(state); // stale or duplicate result
        if (current && awaitsHttp(current)) outcome = resumeHttp(run, current, input);
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
    ...(run.answered ? { answered: run.answered } : {}),
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
    ...(run.answered ? { answered: run.answered } : {}),
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
      // Every path into a queue tells the customer the protocol: the workspace's notice when the keyword says nothing.
      run.say(kw.text?.trim() ? kw.text : run.ctx.handoffNotice);
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
    // Unknown type from a newer editor: treat as a dead end rather than guess.
    const def = definitionOf(node);
    if (!def) return endGracefully(run, id);
    const went = def.enter(run, node, rec);
    if (typeof went !== "string") return { nodeId: id, status: went.status, invalidAttempts: 0 };
    const next = rec.outs.get(went);
    lastId = id;
    if (next === undefined) return endGracefully(run, id);
    id = next;
  }
}

/** Leaves a node by `handle`: on to its target, or a graceful close when unconnected. */
function follow(run: Run, rec: NodeRecord, handle: string): Outcome {
  const next = rec.outs.get(handle);
  return next === undefined ? endGracefully(run, rec.node.id) : runFrom(run, next, rec.node.id);
}

// ---------------------------------------------------------------------------------------
// Answers at waiting nodes

type AnswerInput = Extract<FlowInput, { kind: "text" | "reply" | "media" | "unsupported" }>;

function answer(run: Run, rec: NodeRecord, input: AnswerInput, attempts: number): Outcome {
  if (input.kind === "unsupported") return invalid(run, rec, attempts);
  const def = definitionOf(rec.node);
  if (input.kind === "media") {
    // A file answers only a node that asks for one; anywhere else it is invalid, as before.
    const handle = def?.answerMedia ? def.answerMedia(run, rec.node, input, rec) : null;
    return handle === null ? invalid(run, rec, attempts) : answeredBy(run, rec, handle);
  }
  if (!def?.answer) return runFromStart(run);
  const handle = def.answer(run, rec.node, input, rec);
  return handle === null ? invalid(run, rec, attempts) : answeredBy(run, rec, handle);
}

function answeredBy(run: Run, rec: NodeRecord, handle: string): Outcome {
  run.answered = { nodeId: rec.node.id, valid: true };
  return follow(run, rec, handle);
}

function invalid(run: Run, rec: NodeRecord, attempts: number): Outcome {
  const node = rec.node;
  run.answered = { nodeId: node.id, valid: false };
  const count = Math.min(attempts + 1, 1_000_000);
  const settings = run.flow.settings;
  const max = settings?.maxInvalidAttempts ?? 2;
  const target = rec.outs.get(INVALID_HANDLE);
  if (target !== undefined && count >= max) return runFrom(run, target, node.id);
  const def = definitionOf(node);
  const custom = def?.invalidText?.(node);
  run.say(custom?.trim() ? custom : settings?.invalidInputMessage);
  const again = def?.prompt?.(run, node, rec);
  if (again) run.outputs.push(again);
  return { nodeId: node.id, status: "waiting", invalidAttempts: count };
}

// ---------------------------------------------------------------------------------------
// HTTP results

function awaitsHttp(rec: NodeRecord): boolean {
  return definitionOf(rec.node)?.resume !== undefined;
}

function resumeHttp(run: Run, rec: NodeRecord, result: Extract<FlowInput, { kind: "http_result" }>): Outcome {
  const def = definitionOf(rec.node);
  if (!def?.resume) return runFromStart(run);
  return follow(run, rec, def.resume(run, rec.node, result));
}

/**
 * What a node type's engine step sees of a running `step` call. The engine (../engine)
 * owns the loop, keywords, invalid answers and the step guard; a node type only says what
 * it does when the conversation reaches it, how it prompts, how it reads an answer and
 * how it resumes after an HTTP result.
 */
import { isOpen } from "../business-hours";
import type { NodeRecord } from "../engine-index";
import type { FlowEffect, FlowInput, OutboundMessage, StepContext, StepErrorCode } from "../engine-types";
import { matchOption } from "../match";
import type { FlowDocument } from "../schema";

export interface Run {
  readonly flow: FlowDocument;
  readonly ctx: StepContext;
  readonly outputs: OutboundMessage[];
  readonly effects: FlowEffect[];
  /** A variable's value (built-ins included), undefined when never set. */
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** Saves a value into a contact profile field: an effect for the runtime, and `{{contact.<field>}}` from now on. */
  saveContactField(nodeId: string, field: string, value: string): void;
  /** Fills `{{templates}}`; "" for undefined. */
  render(text: string | undefined): string;
  /** Sends the rendered text unless it is blank. */
  say(text: string | undefined): void;
}

/** A failure that hands the conversation to a person with an error (never a crash). */
export class StepFailure {
  constructor(
    readonly code: StepErrorCode,
    readonly message: string,
    readonly nodeId: string | null,
  ) {}
}

/** Where the bot stops at a node: one shared object per status, so stopping allocates nothing. */
export type Stop = { readonly status: "waiting" | "awaiting_http" | "handoff" | "ended" };
export const WAIT: Stop = Object.freeze({ status: "waiting" });
export const AWAIT_HTTP: Stop = Object.freeze({ status: "awaiting_http" });
export const HANDOFF: Stop = Object.freeze({ status: "handoff" });
export const ENDED: Stop = Object.freeze({ status: "ended" });

export type AnswerInput = Extract<FlowInput, { kind: "text" | "reply" }>;
export type HttpResult = Extract<FlowInput, { kind: "http_result" }>;
export type MediaAnswer = Extract<FlowInput, { kind: "media" }>;

export type NodeEngine<N> = {
  /**
   * Runs the node when the conversation reaches it: the handle to follow next (a missing
   * edge closes the conversation gracefully), or where the bot stops.
   */
  enter(run: Run, node: N, rec: NodeRecord): string | Stop;
  /** Waiting nodes: the message that asks (sent on entry and after an invalid answer). */
  prompt?(run: Run, node: N, rec: NodeRecord): OutboundMessage | null;
  /** Waiting nodes: the handle an answer leads to, or null when it is not valid. */
  answer?(run: Run, node: N, input: AnswerInput, rec: NodeRecord): string | null;
  /**
   * Waiting nodes that can take a file: the handle a media answer leads to, or null when it is
   * not valid. Without it, a media message is an invalid answer.
   */
  answerMedia?(run: Run, node: N, input: MediaAnswer, rec: NodeRecord): string | null;
  /** Waiting nodes: the node's own text for an invalid answer, if it has one. */
  invalidText?(node: N): string | undefined;
  /** Nodes that wait for an HTTP result: the handle the result leads to. */
  resume?(run: Run, node: N, result: HttpResult): string;
};

/** Sends the node's prompt (if any) and waits: the `enter` of every waiting node. */
export function promptAndWait<N>(engine: Pick<NodeEngine<N>, "prompt">, run: Run, node: N, rec: NodeRecord): Stop {
  const built = engine.prompt?.(run, node, rec);
  if (built) run.outputs.push(built);
  return WAIT;
}

/** A rendered optional text, undefined when blank. */
export function optional(run: Run, text: string | undefined): string | undefined {
  const t = run.render(text).trim();
  return t ? t : undefined;
}

/**
 * Out-of-limit option counts (possible only in unpublished drafts run by the simulator)
 * fall back to a numbered text menu, which typed-number matching still understands.
 */
export function numberedMenu(text: string, options: { title: string }[]): OutboundMessage {
  const lines = options.map((o, i) => `${i + 1}. ${o.title}`);
  return { kind: "text", text: [text, ...lines].filter((l) => l.trim()).join("\n") || "…" };
}

/** Buttons and list answers: the chosen option's id (its handle), saving its title. */
export function chooseOption(run: Run, variable: string | undefined, input: AnswerInput, rec: NodeRecord): string | null {
  const options = rec.options;
  const i = options ? matchOption(options, input) : -1;
  if (i === -1 || !options) return null;
  const title = options.titles[i];
  run.set("input", title);
  if (variable) run.set(variable, title);
  return options.ids[i];
}

// Opening hours only change by the minute and time-zone math (Intl) is the costliest part
// of a step: remember the last answer per hours object. Hours objects are not mutated.
const openCache = new WeakMap<object, { minute: number; open: boolean }>();

/** Whether the workspace is open at the step's time (the `business_hours` condition, handoff texts). */
export function isOpenCached(ctx: StepContext): boolean {
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

import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { resolveCustomerMessages, storedCustomerMessagesSchema } from "@/lib/desk/customer-messages";
import { workspace } from "@/lib/db/schema";
import { businessHoursSchema, defaultBusinessHours, type BusinessHours } from "@/lib/flow/business-hours";
import { initialState, step } from "@/lib/flow/engine";
import type { FlowEffect, FlowInput, FlowState, HttpRequestSpec, OutboundMessage, StepContext } from "@/lib/flow/engine-types";
import { runHttpRequest, type HttpRunResult } from "@/lib/flow/http";
import { renderWhatsApp, type WhatsAppMessageBody } from "@/lib/flow/render";
import type { FlowDocument } from "@/lib/flow/schema";
import { parseFlowDocument } from "./document";
import type { SimulateFlowInput } from "./schemas";
import { resolveDocument } from "./versions";

/** HTTP calls one simulation may make, so a flow looping through a request can't hammer a host. */
export const SIMULATE_MAX_HTTP_CALLS = 20;
/** HTTP results fed back (executed or skipped): a request node looping on its own error handle stops here. */
export const SIMULATE_MAX_HTTP_RESUMES = 50;
export const SIMULATION_PHONE = "5491100000000";

export type SimulationStep = {
  /** What the engine was given: the opening message, a customer's text or reply, or an HTTP result. */
  input: FlowInput;
  /** Set on the first step and when a message after the end opened a new conversation. */
  newConversation: boolean;
  outputs: OutboundMessage[];
  /** The exact Graph API bodies the runtime would send. */
  whatsapp: WhatsAppMessageBody[];
  effects: FlowEffect[];
  http?: { request: HttpRequestSpec; executed: boolean; result: HttpRunResult };
  nodeId: string | null;
  status: FlowState["status"];
  variables: Record<string, string>;
  error?: { code: string; message: string };
};

export type SimulationResult = {
  source: { kind: "draft"; revision: number } | { kind: "version"; number: number; active: boolean } | { kind: "document" };
  steps: SimulationStep[];
  state: FlowState;
  /** Set when the simulation stopped early: the flow kept calling http_request nodes. */
  stopped?: "http_limit";
};

type WorkspaceSettings = { businessHours: BusinessHours; timeZone: string; httpAllowHosts: string[]; handoffNotice: string };

async function workspaceSettings(db: DbOrTx): Promise<WorkspaceSettings> {
  const [ws] = await db.select().from(workspace).limit(1);
  const timeZone = ws?.timeZone ?? "America/Sao_Paulo";
  const parsed = businessHoursSchema.safeParse(ws?.businessHours);
  return {
    timeZone,
    businessHours: parsed.success ? parsed.data : { ...defaultBusinessHours(), timeZone },
    httpAllowHosts: ws?.httpAllowHosts ?? [],
    // As the runtime says it: the workspace's notice when a handoff has no text of its own.
    handoffNotice: resolveCustomerMessages(ws?.defaultLocale, storedCustomerMessagesSchema.parse(ws?.customerMessages ?? {})).handoff,
  };
}

/** A protocol-shaped placeholder: simulations never take a real protocol number. */
function simulationProtocol(now: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return `${day.replaceAll("-", "")}-000000`;
}

/**
 * Runs the pure engine over a scripted conversation, as the runtime would: the first input
 * opens the conversation, http_request effects are performed (through the same SSRF-guarded
 * runner and workspace allow-list) or skipped, and a message after the end opens a new one.
 */
export async function simulateFlow(db: DbOrTx, flowId: string, input: SimulateFlowInput): Promise<SimulationResult> {
  let document: FlowDocument;
  let source: SimulationResult["source"];
  if (input.document !== undefined) {
    document = parseFlowDocument(input.document);
    source = { kind: "document" };
    await resolveDocument(db, flowId, "draft"); // the flow must exist and be the caller's to test
  } else {
    const resolved = await resolveDocument(db, flowId, input.version);
    document = resolved.document;
    source = resolved.ref;
  }
  const settings = await workspaceSettings(db);
  const now = input.now ? new Date(input.now) : new Date();
  const phone = input.contact.phone ?? SIMULATION_PHONE;
  const context: StepContext = {
    now,
    businessHours: settings.businessHours,
    contact: { name: input.contact.name, phone },
    protocol: simulationProtocol(now, settings.timeZone),
    handoffNotice: settings.handoffNotice,
  };
  const freshState = (): FlowState => ({ ...initialState(), variables: { ...input.variables } });

  const steps: SimulationStep[] = [];
  let state = freshState();
  let httpCalls = 0;
  let httpResumes = 0;
  let stopped: SimulationResult["stopped"];

  const run = async (engineInput: FlowInput, newConversation: boolean, http?: SimulationStep["http"]) => {
    const result = step(document, state, engineInput, context);
    state = result.state;
    steps.push({
      input: engineInput,
      newConversation,
      outputs: result.outputs,
      whatsapp: result.outputs.map((message) => renderWhatsApp(phone, message)),
      effects: result.effects,
      ...(http ? { http } : {}),
      nodeId: state.nodeId,
      status: state.status,
      variables: { ...state.variables },
      ...(result.error ? { error: result.error } : {}),
    });
    // An HTTP node suspends the flow until its result comes back; resume at once.
    for (const effect of result.effects) {
      if (effect.type !== "http_request") continue;
      if (httpResumes >= SIMULATE_MAX_HTTP_RESUMES) {
        stopped = "http_limit";
        return;
      }
      httpResumes++;
      const outcome = await performHttp(effect.request, input.executeHttp && httpCalls < SIMULATE_MAX_HTTP_CALLS, settings.httpAllowHosts);
      if (outcome.executed) httpCalls++;
      const { result: r } = outcome;
      await run({ kind: "http_result", ok: r.ok, status: r.status, data: r.data, error: r.error }, false, { request: effect.request, ...outcome });
    }
  };

  const [first, ...rest] = input.inputs;
  await run({ kind: "start", ...(first?.kind === "text" ? { text: first.text } : {}) }, true);
  // A reply as the very first message can only answer the welcome, so it is fed after the start.
  const queue = first?.kind === "reply" ? [first, ...rest] : rest;
  for (const message of queue) {
    if (stopped) break;
    if (state.status === "ended") {
      state = freshState();
      await run({ kind: "start", ...(message.kind === "text" ? { text: message.text } : {}) }, true);
      continue;
    }
    await run(message.kind === "text" ? { kind: "text", text: message.text } : { kind: "reply", id: message.id, title: message.title }, false);
  }
  return { source, steps, state, ...(stopped ? { stopped } : {}) };
}

async function performHttp(
  request: HttpRequestSpec,
  execute: boolean,
  allowHosts: string[],
): Promise<{ executed: boolean; result: HttpRunResult }> {
  if (!execute) {
    return { executed: false, result: { ok: false, error: "HTTP requests are not executed in this simulation" } };
  }
  return { executed: true, result: await runHttpRequest(request, { allowHosts }) };
}

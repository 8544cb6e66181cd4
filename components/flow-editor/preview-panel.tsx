"use client";

import { ChevronDown, Headset, Flag, CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import type { FlowInput, FlowState, OutboundMessage } from "@/lib/flow/engine-types";
import type { ChatMessage, ChatReply } from "@/lib/sandbox/chat-message";
import { whatsappRequestToChatMessage } from "@/lib/sandbox/to-chat-message";
import { useEditorEnv } from "./env";
import { ChatPanel } from "@/components/simulator/chat-panel";
import { useEditorStoreApi } from "./store";
import { toDocument } from "./types";

type SimInput = { kind: "text"; text: string } | { kind: "reply"; id: string; title?: string };

type SimStep = {
  input: FlowInput;
  newConversation: boolean;
  outputs: OutboundMessage[];
  whatsapp: unknown[];
  effects: { type: string; queue?: string; reason?: string }[];
  nodeId: string | null;
  status: FlowState["status"];
  error?: { code: string; message: string };
};
type SimResult = { steps: SimStep[]; state: FlowState };

const REPLAY_DELAY_MS = 700;

export function parseVariables(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const name = line.slice(0, eq).trim();
    if (name) vars[name] = line.slice(eq + 1).trim();
  }
  return vars;
}

function toChat(steps: SimStep[], base: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  steps.forEach((step, i) => {
    const time = new Date(base + i * 1000).toISOString();
    const input = step.input;
    if ((input.kind === "start" && input.text) || input.kind === "text") {
      out.push({ id: `c${i}`, from: "customer", kind: "text", text: input.text ?? "", time });
    } else if (input.kind === "reply") {
      out.push({ id: `c${i}`, from: "customer", kind: "text", text: input.title ?? input.id, time });
    }
    step.whatsapp.forEach((body, j) => {
      out.push(whatsappRequestToChatMessage(body as Record<string, unknown>, { id: `b${i}.${j}`, time }));
    });
  });
  return out;
}

/**
 * The simulator docked beside the canvas: every turn replays the whole scripted
 * conversation against the current draft (unsaved edits included) through the same engine
 * the runtime uses, so what you see is what the published flow would do.
 */
export function PreviewPanel({
  flowName,
  contactName,
  onContactNameChange,
  variablesText,
  onVariablesTextChange,
}: {
  flowName: string;
  contactName: string;
  onContactNameChange: (name: string) => void;
  variablesText: string;
  onVariablesTextChange: (text: string) => void;
}) {
  const t = useTranslations("editor");
  const store = useEditorStoreApi();
  const { flowId } = useEditorEnv();
  const [inputs, setInputs] = useState<SimInput[]>([]);
  const [result, setResult] = useState<SimResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showTestData, setShowTestData] = useState(false);
  const base = useRef(Date.now());
  const run = useRef(0);

  const simulate = useCallback(
    async (script: SimInput[]) => {
      const id = ++run.current;
      if (script.length === 0) {
        setResult(null);
        setError(null);
        store.actions.setActiveNode(null);
        return;
      }
      setBusy(true);
      try {
        const sim = await apiFetch<SimResult>(`/api/flows/${flowId}/simulate`, {
          method: "POST",
          json: {
            document: toDocument(store.getState()),
            inputs: script,
            contact: contactName.trim() ? { name: contactName.trim() } : {},
            variables: parseVariables(variablesText),
          },
        });
        if (id !== run.current) return;
        setResult(sim);
        setError(null);
        store.actions.setActiveNode(sim.state.nodeId);
      } catch (e) {
        if (id !== run.current) return;
        setError((e as Error).message);
      } finally {
        if (id === run.current) setBusy(false);
      }
    },
    [store, flowId, contactName, variablesText],
  );

  // Edits replay the conversation, so the preview always shows the current draft.
  const latest = useRef({ inputs, simulate });
  latest.current = { inputs, simulate };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let seen = store.getState().contentVersion;
    const unsubscribe = store.subscribe(() => {
      const v = store.getState().contentVersion;
      if (v === seen) return;
      seen = v;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        if (latest.current.inputs.length > 0) void latest.current.simulate(latest.current.inputs);
      }, REPLAY_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      store.actions.setActiveNode(null);
    };
  }, [store]);

  const push = (input: SimInput) => {
    const next = [...inputs, input];
    setInputs(next);
    void simulate(next);
  };

  const restart = () => {
    setInputs([]);
    base.current = Date.now();
    void simulate([]);
  };

  const messages = result ? toChat(result.steps, base.current) : [];
  const last = result?.steps.at(-1);
  const handoff = last?.effects.find((e) => e.type === "handoff");
  const stepError = result?.steps.find((s) => s.error)?.error;

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="preview-panel" data-native-undo>
      <div className="border-b px-3 py-2">
        <button type="button" className="flex w-full items-center justify-between text-xs font-medium" onClick={() => setShowTestData((v) => !v)} aria-expanded={showTestData}>
          {t("preview.testData")}
          <ChevronDown className={`size-4 transition-transform ${showTestData ? "rotate-180" : ""}`} />
        </button>
        {showTestData && (
          <div className="mt-2 grid gap-2">
            <div className="grid gap-1">
              <Label htmlFor="preview-contact" className="text-xs">
                {t("preview.contactName")}
              </Label>
              <Input id="preview-contact" className="h-8" value={contactName} onChange={(e) => onContactNameChange(e.target.value)} onBlur={() => inputs.length && simulate(inputs)} />
            </div>
            <div className="grid gap-1">
              <Label htmlFor="preview-vars" className="text-xs">
                {t("preview.variables")}
              </Label>
              <Textarea id="preview-vars" rows={2} className="min-h-12 font-mono text-xs" placeholder="pedido=12345" value={variablesText} onChange={(e) => onVariablesTextChange(e.target.value)} onBlur={() => inputs.length && simulate(inputs)} />
            </div>
          </div>
        )}
      </div>
      <div className="min-h-0 flex-1">
        <ChatPanel
          title={flowName}
          subtitle={t("preview.subtitle")}
          messages={messages}
          busy={busy}
          typing={busy && inputs.length > 0}
          emptyHint={t("preview.empty")}
          onSendText={(text) => push({ kind: "text", text })}
          onReply={(reply: ChatReply) => push({ kind: "reply", id: reply.id, title: reply.title })}
          onRestart={restart}
          className="h-full rounded-none border-0 shadow-none"
        />
      </div>
      {(error || stepError || handoff || last?.status === "ended") && (
        <div className="grid gap-1 border-t px-3 py-2 text-xs" role="status" data-testid="preview-status">
          {error && (
            <p className="flex items-center gap-1.5 text-destructive">
              <CircleAlert className="size-3.5" /> {error}
            </p>
          )}
          {stepError && (
            <p className="flex items-center gap-1.5 text-destructive">
              <CircleAlert className="size-3.5" /> {stepError.message}
            </p>
          )}
          {handoff && (
            <p className="flex items-center gap-1.5 text-rose-700">
              <Headset className="size-3.5" /> {t("preview.handedOff", { queue: handoff.queue || "—" })}
            </p>
          )}
          {last?.status === "ended" && (
            <p className="flex items-center gap-1.5 text-muted-foreground">
              <Flag className="size-3.5" /> {t("preview.ended")}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

"use client";

import { FlaskConical, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";
import type { FlowDocument, HttpRequestNode } from "@/lib/flow/schema";
import { defaultFlowSettings } from "@/lib/flow/schema";
import { useEditorEnv } from "../env";

type Step = {
  http?: { executed: boolean; request: { method: string; url: string }; result: { ok: boolean; status?: number; error?: string; data?: unknown } };
  variables: Record<string, string>;
};

/**
 * Runs just this request through the simulate API (same SSRF guard and allow-list as the
 * runtime), with the preview's test variables, and shows what it got and what it saved.
 */
export function HttpTestButton({ node }: { node: HttpRequestNode }) {
  const t = useTranslations("editor");
  const { flowId, testContact, testVariables } = useEditorEnv();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ step?: Step; error?: string } | null>(null);

  async function run() {
    setPending(true);
    setResult(null);
    const document: FlowDocument = {
      schemaVersion: 1,
      settings: defaultFlowSettings(),
      nodes: [
        { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
        { id: node.id, type: "http_request", position: { x: 0, y: 100 }, data: node.data },
        { id: "done", type: "end", position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [
        { id: "e1", source: "start", target: node.id },
        { id: "e2", source: node.id, sourceHandle: "success", target: "done" },
        { id: "e3", source: node.id, sourceHandle: "error", target: "done" },
      ],
    };
    try {
      const sim = await apiFetch<{ steps: Step[] }>(`/api/flows/${flowId}/simulate`, {
        method: "POST",
        json: { document, inputs: [{ kind: "text", text: "test" }], contact: { name: testContact.name || undefined }, variables: testVariables, executeHttp: true },
      });
      const step = sim.steps.find((s) => s.http) ?? sim.steps.at(-1);
      setResult({ step });
    } catch (error) {
      setResult({ error: (error as Error).message });
    } finally {
      setPending(false);
    }
  }

  const http = result?.step?.http;
  const saved = node.data.save.map((s) => s.variable).filter(Boolean);
  return (
    <div className="grid gap-2 rounded-md border bg-muted/40 p-2">
      <Button type="button" variant="outline" size="sm" onClick={run} disabled={pending} className="justify-self-start">
        {pending ? <Loader2 className="animate-spin" /> : <FlaskConical />}
        {t("inspector.testRequest")}
      </Button>
      {result?.error && <p className="text-xs text-destructive" role="alert">{result.error}</p>}
      {http && (
        <div className="grid gap-1 text-xs" data-testid="http-test-result" role="status">
          <p className={http.result.ok ? "font-medium text-emerald-700" : "font-medium text-destructive"}>
            {http.result.ok ? t("inspector.testOk", { status: http.result.status ?? 200 }) : t("inspector.testFailed", { reason: http.result.error ?? String(http.result.status ?? "") })}
          </p>
          {saved.length > 0 && (
            <ul className="grid gap-0.5 font-mono">
              {saved.map((name) => (
                <li key={name}>
                  {name} = {JSON.stringify(result?.step?.variables[name] ?? "")}
                </li>
              ))}
            </ul>
          )}
          {http.result.data !== undefined && (
            <pre className="max-h-32 overflow-auto rounded bg-background p-1.5 font-mono text-[11px]">{JSON.stringify(http.result.data, null, 2).slice(0, 2000)}</pre>
          )}
        </div>
      )}
    </div>
  );
}

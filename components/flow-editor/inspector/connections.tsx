"use client";

import { useTranslations } from "next-intl";
import { memo, useMemo, useState } from "react";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { type NodeOfType, type NodeType, edgeHandle, nodeHandles } from "@/lib/flow/schema";
import { useEditor, useEditorStoreApi } from "../store";
import { Section } from "./fields";

const NOT_CONNECTED = "__none__";

/**
 * Where each output of the node leads, as a choice per output: the keyboard way to connect
 * steps (and the quick way in a large flow), equivalent to dragging from the handle.
 */
export function Connections({ node }: { node: NodeOfType<NodeType> }) {
  const t = useTranslations("editor");
  const store = useEditorStoreApi();
  const edges = useEditor((s) => s.edges);
  const contentVersion = useEditor((s) => s.contentVersion);
  const handles = nodeHandles(node);

  const outgoing = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of edges) if (e.source === node.id) map.set(edgeHandle(e), e.target);
    return map;
  }, [edges, node.id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: contentVersion changes when the flow's nodes change (the store is mutable)
  const targets = useMemo(
    () =>
      store
        .getState()
        .nodes.filter((n) => n.id !== node.id && n.type !== "start")
        .map((n) => {
          const data = n.data as { label?: string; text?: string };
          const title = data.label?.trim() || t(`types.${n.type}`);
          const detail = (data.text ?? "").replace(/\s+/g, " ").slice(0, 40);
          return { id: n.id, title: detail ? `${title} · ${detail}` : title };
        }),
    // contentVersion: the list follows added, removed and renamed steps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, node.id, contentVersion, t],
  );

  if (handles.length === 0) return null;

  const label = (handle: string, index: number): string => {
    switch (node.type) {
      case "buttons":
        return node.data.buttons.find((b) => b.id === handle)?.title || (handle === "invalid" ? t("handles.invalid") : t("inspector.buttonTitle", { n: index + 1 }));
      case "list": {
        for (const s of node.data.sections) for (const r of s.rows) if (r.id === handle) return r.title || handle;
        return t("handles.invalid");
      }
      case "condition": {
        const i = node.data.rules.findIndex((r) => r.id === handle);
        return i >= 0 ? t("inspector.rule", { n: i + 1 }) : t("handles.else");
      }
      case "question":
        return handle === "invalid" ? t("handles.invalid") : t("handles.answer");
      case "http_request":
        return handle === "error" ? t("handles.error") : t("handles.success");
      default:
        return t("handles.next");
    }
  };

  const connect = (handle: string, target: string) => {
    const existing = store.getState().edges.find((e) => e.source === node.id && edgeHandle(e) === handle);
    if (target === NOT_CONNECTED) {
      if (existing) store.actions.removeEdges([existing.id]);
      return;
    }
    store.actions.connect({ source: node.id, sourceHandle: handle === "default" ? null : handle, target, targetHandle: null });
  };

  return (
    <Section title={t("inspector.connections")}>
      <p className="text-xs text-muted-foreground">{t("inspector.connectionsHint")}</p>
      {handles.map((handle, i) => {
        const id = `conn-${node.id}-${handle}`;
        return (
          <div key={handle} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] items-center gap-2">
            <Label htmlFor={id} className="truncate text-xs" title={label(handle, i)}>
              {label(handle, i)}
            </Label>
            <TargetSelect id={id} handle={handle} value={outgoing.get(handle) ?? NOT_CONNECTED} targets={targets} onChange={(target) => connect(handle, target)} />
          </div>
        );
      })}
    </Section>
  );
}

type Target = { id: string; title: string };

/**
 * One output's choice of next step. Closed, it holds only the chosen step: a flow of a
 * thousand steps would otherwise mount a thousand options per output whenever a step is
 * selected (and a drag selects the step it moves), stalling the canvas. Opened, it lists all.
 */
const TargetSelect = memo(function TargetSelect({
  id,
  handle,
  value,
  targets,
  onChange,
}: {
  id: string;
  handle: string;
  value: string;
  targets: Target[];
  onChange: (target: string) => void;
}) {
  const t = useTranslations("editor");
  const [open, setOpen] = useState(false);
  const shown = useMemo(() => (open ? targets : targets.filter((target) => target.id === value)), [open, targets, value]);
  return (
    <Select value={value} onValueChange={onChange} open={open} onOpenChange={setOpen}>
      <SelectTrigger id={id} className="h-8 w-full min-w-0 text-xs" data-connection={handle}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={NOT_CONNECTED}>{t("inspector.notConnected")}</SelectItem>
        {shown.map((target) => (
          <SelectItem key={target.id} value={target.id}>
            {target.title}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
});

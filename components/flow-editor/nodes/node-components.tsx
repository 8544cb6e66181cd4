"use client";

import type { NodeProps, NodeTypes } from "@xyflow/react";
import { FileText, Image as ImageIcon, ListIcon, Music, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import type {
  ButtonsNode as ButtonsFlowNode,
  ConditionNode as ConditionFlowNode,
  EndNode as EndFlowNode,
  HandoffNode as HandoffFlowNode,
  HttpRequestNode as HttpFlowNode,
  ListNode as ListFlowNode,
  MessageNode as MessageFlowNode,
  QuestionNode as QuestionFlowNode,
  SetVariableNode as SetVariableFlowNode,
  StartNode as StartFlowNode,
} from "@/lib/flow/schema";
import type { EditorNode } from "../types";
import { Bubble, DefaultOutput, NodeShell, OutputRow, TemplateText, useHandlesChanged } from "./parts";

type Props<N> = NodeProps<N & EditorNode>;

/**
 * A card shows its data and whether it is selected; React Flow also passes the position,
 * which changes on every frame of a drag: ignoring it keeps a dragged card from re-rendering.
 */
function sameCard(a: NodeProps, b: NodeProps): boolean {
  return a.id === b.id && a.data === b.data && a.selected === b.selected && a.isConnectable === b.isConnectable;
}

const StartNode = memo(function StartNode({ id, data, selected }: Props<StartFlowNode>) {
  const t = useTranslations("editor");
  return (
    <NodeShell id={id} type="start" label={data.label} selected={selected} hasTarget={false}>
      <p className="text-muted-foreground">{t("node.startHint")}</p>
      <DefaultOutput />
    </NodeShell>
  );
}, sameCard);

const MEDIA_ICONS = { image: ImageIcon, video: Video, audio: Music, document: FileText } as const;

const MessageNode = memo(function MessageNode({ id, data, selected }: Props<MessageFlowNode>) {
  const MediaIcon = data.media ? MEDIA_ICONS[data.media.kind] : null;
  return (
    <NodeShell id={id} type="message" label={data.label} selected={selected}>
      {data.media && MediaIcon && (
        <div className="flex items-center gap-1.5 rounded-md bg-muted px-2 py-1.5 text-muted-foreground">
          <MediaIcon className="size-3.5 shrink-0" aria-hidden />
          <span className="truncate">{data.media.filename || data.media.url}</span>
        </div>
      )}
      {(data.text || !data.media) && <Bubble text={data.text} />}
      <DefaultOutput />
    </NodeShell>
  );
}, sameCard);

const ButtonsNode = memo(function ButtonsNode({ id, data, selected }: Props<ButtonsFlowNode>) {
  const t = useTranslations("editor");
  const handles = data.buttons.map((b) => b.id);
  useHandlesChanged(id, handles);
  return (
    <NodeShell
      id={id}
      type="buttons"
      label={data.label}
      selected={selected}
      outputs={
        <>
          {data.buttons.map((b) => (
            <OutputRow key={b.id} handleId={b.id}>
              {b.title || <span className="italic text-muted-foreground">{t("node.noTitle")}</span>}
            </OutputRow>
          ))}
          <OutputRow handleId="invalid" tone="muted">
            {t("handles.invalid")}
          </OutputRow>
        </>
      }
    >
      <Bubble header={data.header} text={data.text} footer={data.footer} />
    </NodeShell>
  );
}, sameCard);

const ListNode = memo(function ListNode({ id, data, selected }: Props<ListFlowNode>) {
  const t = useTranslations("editor");
  const handles = data.sections.flatMap((s) => s.rows.map((r) => r.id));
  useHandlesChanged(id, handles);
  return (
    <NodeShell
      id={id}
      type="list"
      label={data.label}
      selected={selected}
      outputs={
        <>
          {data.sections.map((section, si) => (
            <div key={si} className="grid gap-px">
              {section.title?.trim() && (
                <p className="bg-muted px-2.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-muted-foreground">{section.title}</p>
              )}
              {section.rows.map((row) => (
                <OutputRow key={row.id} handleId={row.id}>
                  <span className="block text-left text-foreground">
                    {row.title || <span className="italic text-muted-foreground">{t("node.noTitle")}</span>}
                    {row.description && <span className="block truncate text-[10px] font-normal text-muted-foreground">{row.description}</span>}
                  </span>
                </OutputRow>
              ))}
            </div>
          ))}
          <OutputRow handleId="invalid" tone="muted">
            {t("handles.invalid")}
          </OutputRow>
        </>
      }
    >
      <Bubble header={data.header} text={data.text} footer={data.footer}>
        <p className="mt-1.5 flex items-center justify-center gap-1 border-t border-zinc-300/70 pt-1 font-medium text-[#00695a]">
          <ListIcon className="size-3.5" aria-hidden />
          {data.buttonLabel || t("node.noTitle")}
        </p>
      </Bubble>
    </NodeShell>
  );
}, sameCard);

const QuestionNode = memo(function QuestionNode({ id, data, selected }: Props<QuestionFlowNode>) {
  const t = useTranslations("editor");
  return (
    <NodeShell
      id={id}
      type="question"
      label={data.label}
      selected={selected}
      outputs={
        <>
          <OutputRow handleId="default" tone="success">
            {t("handles.answer")}
          </OutputRow>
          <OutputRow handleId="invalid" tone="muted">
            {t("handles.invalid")}
          </OutputRow>
        </>
      }
    >
      <Bubble text={data.text} />
      <p className="text-muted-foreground">
        {t("node.savesIn")}{" "}
        <span className="rounded bg-amber-100 px-0.5 font-mono text-amber-900">{data.variable ? `{{${data.variable}}}` : "—"}</span>
        {data.validation.kind !== "any" && <> · {t(`validation.${data.validation.kind}`)}</>}
      </p>
    </NodeShell>
  );
}, sameCard);

const ConditionNode = memo(function ConditionNode({ id, data, selected }: Props<ConditionFlowNode>) {
  const t = useTranslations("editor");
  const handles = data.rules.map((r) => r.id);
  useHandlesChanged(id, handles);
  return (
    <NodeShell
      id={id}
      type="condition"
      label={data.label}
      selected={selected}
      outputs={
        <>
          {data.rules.map((rule, i) => (
            <OutputRow key={rule.id} handleId={rule.id} tone="success">
              <span className="text-foreground">
                {i + 1}.{" "}
                {rule.operator === "business_hours" ? (
                  t(rule.value?.trim().toLowerCase() === "closed" ? "node.whenClosed" : "node.whenOpen")
                ) : (
                  <>
                    <span className="font-mono text-amber-900">{rule.variable || "?"}</span> {t(`operators.${rule.operator}`)}{" "}
                    {rule.value !== undefined && rule.operator !== "is_set" && rule.operator !== "is_empty" && (
                      <span className="font-mono">“{rule.value}”</span>
                    )}
                  </>
                )}
              </span>
            </OutputRow>
          ))}
          <OutputRow handleId="else" tone="muted">
            {t("handles.else")}
          </OutputRow>
        </>
      }
    />
  );
}, sameCard);

const SetVariableNode = memo(function SetVariableNode({ id, data, selected }: Props<SetVariableFlowNode>) {
  return (
    <NodeShell id={id} type="set_variable" label={data.label} selected={selected}>
      <p className="font-mono">
        <span className="rounded bg-amber-100 px-0.5 text-amber-900">{data.variable || "?"}</span> = <TemplateText text={data.value} />
      </p>
      <DefaultOutput />
    </NodeShell>
  );
}, sameCard);

const HttpRequestNode = memo(function HttpRequestNode({ id, data, selected }: Props<HttpFlowNode>) {
  const t = useTranslations("editor");
  return (
    <NodeShell
      id={id}
      type="http_request"
      label={data.label}
      selected={selected}
      outputs={
        <>
          <OutputRow handleId="success" tone="success">
            {t("handles.success")}
          </OutputRow>
          <OutputRow handleId="error" tone="danger">
            {t("handles.error")}
          </OutputRow>
        </>
      }
    >
      <p className="flex min-w-0 gap-1 font-mono">
        <span className="shrink-0 font-semibold">{data.method}</span>
        <span className="truncate">
          <TemplateText text={data.url} />
        </span>
      </p>
      {data.save.length > 0 && (
        <p className="truncate text-muted-foreground">
          {t("node.saves")} {data.save.map((s) => s.variable).join(", ")}
        </p>
      )}
    </NodeShell>
  );
}, sameCard);

const HandoffNode = memo(function HandoffNode({ id, data, selected }: Props<HandoffFlowNode>) {
  const t = useTranslations("editor");
  return (
    <NodeShell id={id} type="handoff" label={data.label} selected={selected}>
      {data.text?.trim() && <Bubble text={data.text} />}
      <p className="text-muted-foreground">
        {t("node.toQueue")} <span className="font-medium text-foreground">{data.queue || "—"}</span>
      </p>
    </NodeShell>
  );
}, sameCard);

const EndNode = memo(function EndNode({ id, data, selected }: Props<EndFlowNode>) {
  const t = useTranslations("editor");
  return (
    <NodeShell id={id} type="end" label={data.label} selected={selected}>
      {data.text?.trim() && <Bubble text={data.text} />}
      <p className="text-muted-foreground">{t("node.endHint")}</p>
    </NodeShell>
  );
}, sameCard);

/** Defined once, outside any render, so React Flow never remounts the nodes. */
export const nodeTypes: NodeTypes = {
  start: StartNode,
  message: MessageNode,
  buttons: ButtonsNode,
  list: ListNode,
  question: QuestionNode,
  condition: ConditionNode,
  set_variable: SetVariableNode,
  http_request: HttpRequestNode,
  handoff: HandoffNode,
  end: EndNode,
} as NodeTypes;

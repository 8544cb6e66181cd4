"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import { useMediaLabels } from "@/components/templates/use-media-labels";
import { renderTemplatePreview } from "@/lib/contacts/templates";
import { nodeTemplateParams } from "@/lib/flow/nodes/template/params";
import { TEMPLATE_SKIPPED_HANDLE, type TemplateNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { Bubble, NodeShell, OutputRow } from "../parts";

/** The `template` step on the canvas: the template's name and its text with the flow's `{{…}}` values. */
export const TemplateCard = memo(function TemplateCard({ id, data, selected }: CardProps<TemplateNode>) {
  const t = useTranslations("editor");
  const mediaLabels = useMediaLabels();
  const params = nodeTemplateParams(data, (text) => text);
  return (
    <NodeShell
      id={id}
      type="template"
      label={data.label}
      selected={selected}
      outputs={
        <>
          <OutputRow handleId="default" tone="success">
            {t("handles.sent")}
          </OutputRow>
          <OutputRow handleId={TEMPLATE_SKIPPED_HANDLE} tone="muted">
            {t("handles.skipped")}
          </OutputRow>
        </>
      }
    >
      {data.template && params ? (
        <>
          <p className="font-mono text-[11px] text-muted-foreground">
            {data.template.name} · {data.template.language}
          </p>
          <Bubble text={renderTemplatePreview(data.template, params, mediaLabels)} />
        </>
      ) : (
        <p className="text-muted-foreground">{t("node.templateNone")}</p>
      )}
    </NodeShell>
  );
}, sameCard);

"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import type { HttpRequestNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { NodeShell, OutputRow, TemplateText } from "../parts";

/** The `http_request` step on the canvas. */
export const HttpRequestCard = memo(function HttpRequestCard({ id, data, selected }: CardProps<HttpRequestNode>) {
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

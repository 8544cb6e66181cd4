"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import type { EndNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { Bubble, NodeShell } from "../parts";

/** The `end` step on the canvas. */
export const EndCard = memo(function EndCard({ id, data, selected }: CardProps<EndNode>) {
  const t = useTranslations("editor");
  return (
    <NodeShell id={id} type="end" label={data.label} selected={selected}>
      {data.text?.trim() && <Bubble text={data.text} />}
      <p className="text-muted-foreground">{t("node.endHint")}</p>
    </NodeShell>
  );
}, sameCard);

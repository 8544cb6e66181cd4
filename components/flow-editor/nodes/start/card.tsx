"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import type { StartNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { DefaultOutput, NodeShell } from "../parts";

/** The `start` step on the canvas. */
export const StartCard = memo(function StartCard({ id, data, selected }: CardProps<StartNode>) {
  const t = useTranslations("editor");
  return (
    <NodeShell id={id} type="start" label={data.label} selected={selected} hasTarget={false}>
      <p className="text-muted-foreground">{t("node.startHint")}</p>
      <DefaultOutput />
    </NodeShell>
  );
}, sameCard);

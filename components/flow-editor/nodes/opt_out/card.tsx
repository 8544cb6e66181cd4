"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import type { OptOutNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { Bubble, DefaultOutput, NodeShell } from "../parts";

/** The `opt_out` step on the canvas. */
export const OptOutCard = memo(function OptOutCard({ id, data, selected }: CardProps<OptOutNode>) {
  const t = useTranslations("editor");
  return (
    <NodeShell id={id} type="opt_out" label={data.label} selected={selected}>
      <p className="font-medium">{data.action === "opt_in" ? t("node.optIn") : t("node.optOut")}</p>
      {data.text?.trim() ? <Bubble text={data.text} /> : <p className="text-muted-foreground">{t("node.optOutDefaultText")}</p>}
      <DefaultOutput />
    </NodeShell>
  );
}, sameCard);

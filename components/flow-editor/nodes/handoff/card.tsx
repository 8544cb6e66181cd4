"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import type { HandoffNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { Bubble, NodeShell } from "../parts";

/** The `handoff` step on the canvas. */
export const HandoffCard = memo(function HandoffCard({ id, data, selected }: CardProps<HandoffNode>) {
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

"use client";

import { memo } from "react";
import type { SetVariableNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { DefaultOutput, NodeShell, TemplateText } from "../parts";

/** The `set_variable` step on the canvas. */
export const SetVariableCard = memo(function SetVariableCard({ id, data, selected }: CardProps<SetVariableNode>) {
  return (
    <NodeShell id={id} type="set_variable" label={data.label} selected={selected}>
      <p className="font-mono">
        <span className="rounded bg-amber-100 px-0.5 text-amber-900">{data.variable || "?"}</span> = <TemplateText text={data.value} />
      </p>
      <DefaultOutput />
    </NodeShell>
  );
}, sameCard);

"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import type { ConditionNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { NodeShell, OutputRow, useHandlesChanged } from "../parts";

/** The `condition` step on the canvas. */
export const ConditionCard = memo(function ConditionCard({ id, data, selected }: CardProps<ConditionNode>) {
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

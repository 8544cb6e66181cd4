"use client";

import { Paperclip } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { ANSWER_MEDIA_KINDS, type QuestionNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { Bubble, NodeShell, OutputRow } from "../parts";

/** The `question` step on the canvas. */
export const QuestionCard = memo(function QuestionCard({ id, data, selected }: CardProps<QuestionNode>) {
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
        {data.validation.kind === "media" ? (
          <span data-testid="question-media-kinds">
            {" "}
            · <Paperclip className="inline size-3 align-[-2px]" aria-hidden /> {(data.validation.allowedKinds ?? []).map((k) => (isKnownKind(k) ? t(`mediaKinds.${k}`) : k)).join(", ") || "—"}
          </span>
        ) : (
          data.validation.kind !== "any" && <> · {t(`validation.${data.validation.kind}`)}</>
        )}
      </p>
    </NodeShell>
  );
}, sameCard);

const isKnownKind = (k: string): k is "any" | (typeof ANSWER_MEDIA_KINDS)[number] => k === "any" || (ANSWER_MEDIA_KINDS as readonly string[]).includes(k);

"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import type { ButtonsNode } from "@/lib/flow/schema";
import { MediaChip } from "../../media/media-chip";
import { type CardProps, sameCard } from "../card-kit";
import { Bubble, NodeShell, OutputRow, useHandlesChanged } from "../parts";

/** The `buttons` step on the canvas. */
export const ButtonsCard = memo(function ButtonsCard({ id, data, selected }: CardProps<ButtonsNode>) {
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
      {data.headerMedia && <MediaChip {...data.headerMedia} />}
      <Bubble header={data.headerMedia ? undefined : data.header} text={data.text} footer={data.footer} />
    </NodeShell>
  );
}, sameCard);

"use client";

import { ListIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import type { ListNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { Bubble, NodeShell, OutputRow, useHandlesChanged } from "../parts";

/** The `list` step on the canvas. */
export const ListCard = memo(function ListCard({ id, data, selected }: CardProps<ListNode>) {
  const t = useTranslations("editor");
  const handles = data.sections.flatMap((s) => s.rows.map((r) => r.id));
  useHandlesChanged(id, handles);
  return (
    <NodeShell
      id={id}
      type="list"
      label={data.label}
      selected={selected}
      outputs={
        <>
          {data.sections.map((section, si) => (
            <div key={si} className="grid gap-px">
              {section.title?.trim() && (
                <p className="bg-muted px-2.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-muted-foreground">{section.title}</p>
              )}
              {section.rows.map((row) => (
                <OutputRow key={row.id} handleId={row.id}>
                  <span className="block text-left text-foreground">
                    {row.title || <span className="italic text-muted-foreground">{t("node.noTitle")}</span>}
                    {row.description && <span className="block truncate text-[10px] font-normal text-muted-foreground">{row.description}</span>}
                  </span>
                </OutputRow>
              ))}
            </div>
          ))}
          <OutputRow handleId="invalid" tone="muted">
            {t("handles.invalid")}
          </OutputRow>
        </>
      }
    >
      <Bubble header={data.header} text={data.text} footer={data.footer}>
        <p className="mt-1.5 flex items-center justify-center gap-1 border-t border-zinc-300/70 pt-1 font-medium text-[#00695a]">
          <ListIcon className="size-3.5" aria-hidden />
          {data.buttonLabel || t("node.noTitle")}
        </p>
      </Bubble>
    </NodeShell>
  );
}, sameCard);

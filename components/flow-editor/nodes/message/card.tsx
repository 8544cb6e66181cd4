"use client";

import { memo } from "react";
import type { MessageNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { MediaChip } from "../../media/media-chip";
import { Bubble, DefaultOutput, NodeShell } from "../parts";

/** The `message` step on the canvas. */
export const MessageCard = memo(function MessageCard({ id, data, selected }: CardProps<MessageNode>) {
  return (
    <NodeShell id={id} type="message" label={data.label} selected={selected}>
      {data.media && <MediaChip {...data.media} />}
      {(data.text || !data.media) && <Bubble text={data.text} />}
      <DefaultOutput />
    </NodeShell>
  );
}, sameCard);

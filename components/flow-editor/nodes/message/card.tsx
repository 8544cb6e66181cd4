"use client";

import { FileText, Image as ImageIcon, Music, Video } from "lucide-react";
import { memo } from "react";
import type { MessageNode } from "@/lib/flow/schema";
import { type CardProps, sameCard } from "../card-kit";
import { Bubble, DefaultOutput, NodeShell } from "../parts";

const MEDIA_ICONS = { image: ImageIcon, video: Video, audio: Music, document: FileText } as const;

/** The `message` step on the canvas. */
export const MessageCard = memo(function MessageCard({ id, data, selected }: CardProps<MessageNode>) {
  const MediaIcon = data.media ? MEDIA_ICONS[data.media.kind] : null;
  return (
    <NodeShell id={id} type="message" label={data.label} selected={selected}>
      {data.media && MediaIcon && (
        <div className="flex items-center gap-1.5 rounded-md bg-muted px-2 py-1.5 text-muted-foreground">
          <MediaIcon className="size-3.5 shrink-0" aria-hidden />
          <span className="truncate">{data.media.filename || data.media.url}</span>
        </div>
      )}
      {(data.text || !data.media) && <Bubble text={data.text} />}
      <DefaultOutput />
    </NodeShell>
  );
}, sameCard);

"use client";

import { Loader2, Mic, Music } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, useState } from "react";
import type { MediaView } from "@/lib/media/types";
import { DocumentCard } from "./document-card";
import { ImageViewer } from "./image-viewer";
import { MediaFailure } from "./media-failure";
import { useFileSize } from "./use-file-size";

/**
 * A message's file in the transcript, by kind and download state: pending → a spinner;
 * failed → the reason and a retry; stored → the image, player or document card. The caption
 * goes under it. Memoised: a long transcript re-renders often (live events) and players must
 * not restart.
 */
export const MessageMedia = memo(
  function MessageMedia({ media: fromServer }: { media: MediaView }) {
  // A retry answers the new state at once; the next read of the transcript (a new object) replaces it.
  const [local, setLocal] = useState<{ of: MediaView; view: MediaView } | null>(null);
  const media = local?.of === fromServer ? local.view : fromServer;
  return (
    <div className="grid gap-1" data-testid="message-media" data-kind={media.kind} data-status={media.status}>
      {media.status === "pending" ? <Pending media={media} /> : media.status === "failed" ? <MediaFailure media={media} onRetried={(view) => setLocal({ of: fromServer, view })} /> : <Stored media={media} />}
      {media.caption && <p className="break-words whitespace-pre-wrap" data-testid="media-caption">{media.caption}</p>}
    </div>
  );
  },
  // Every live event re-reads the conversation into new objects: compare by value, so only the
  // message whose file changed re-renders.
  (a, b) => sameMedia(a.media, b.media),
);

function sameMedia(a: MediaView, b: MediaView): boolean {
  return (Object.keys(a) as (keyof MediaView)[]).every((key) => a[key] === b[key]) && Object.keys(a).length === Object.keys(b).length;
}

function Pending({ media }: { media: MediaView }) {
  const t = useTranslations("media");
  const size = useFileSize()(media.size);
  return (
    <div className="flex w-64 max-w-full items-center gap-2 rounded-md border border-dashed bg-background/60 px-2.5 py-3 text-xs text-muted-foreground" role="status" data-testid="media-pending">
      <Loader2 className="size-4 shrink-0 animate-spin" aria-hidden />
      <span className="min-w-0 truncate">
        {t("downloading", { kind: t(`kind.${media.voice ? "voice" : media.kind}`) })}
        {media.filename ? ` · ${media.filename}` : ""}
        {size ? ` · ${size}` : ""}
      </span>
    </div>
  );
}

function Stored({ media }: { media: MediaView }) {
  const t = useTranslations("media");
  const src = `/api/media/${encodeURIComponent(media.id)}`;
  switch (media.kind) {
    case "image":
    case "sticker":
      return <ImageViewer media={media} />;
    case "audio":
      return (
        <div className="grid w-72 max-w-full gap-1" data-testid={media.voice ? "media-voice" : "media-audio"}>
          <span className="flex items-center gap-1 text-xs text-muted-foreground">
            {media.voice ? <Mic className="size-3.5" aria-hidden /> : <Music className="size-3.5" aria-hidden />}
            {t(media.voice ? "kind.voice" : "kind.audio")}
          </span>
          {/* biome-ignore lint/a11y/useMediaCaption: customers' voice notes and audio come without captions */}
          <audio controls preload="metadata" src={src} className="h-9 w-full" aria-label={t(media.voice ? "kind.voice" : "kind.audio")} />
        </div>
      );
    case "video":
      return (
        // biome-ignore lint/a11y/useMediaCaption: customers' videos come without captions
        <video controls preload="metadata" src={src} className="max-h-72 w-72 max-w-full rounded-md bg-black" aria-label={media.caption ?? t("kind.video")} data-testid="media-video" />
      );
    case "document":
      return <DocumentCard media={media} />;
  }
}

"use client";

import { useTranslations } from "next-intl";
import { memo, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import type { MediaView } from "@/lib/media/types";
import { cn } from "@/lib/utils";

/**
 * An image or sticker as a thumbnail (the server's small variant, so a transcript never loads
 * 5 MB photos) that opens full size in a dialog: a button, so Enter/Space open it; Esc closes.
 */
export const ImageViewer = memo(function ImageViewer({ media }: { media: MediaView }) {
  const t = useTranslations("media");
  const [open, setOpen] = useState(false);
  const sticker = media.kind === "sticker";
  const alt = media.caption ?? t(sticker ? "kind.sticker" : "kind.image");
  const src = `/api/media/${encodeURIComponent(media.id)}`;
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={cn("block overflow-hidden rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring", sticker ? "bg-transparent" : "bg-muted")}
        aria-label={t("openImage", { name: alt })}
        data-testid="media-thumbnail"
      >
        {/* A fixed box (cropped, like WhatsApp's): the transcript keeps its height while thumbnails load, so it stays scrolled to the end. */}
        {/* biome-ignore lint/performance/noImgElement: an authorised API route with its own thumbnail variant; next/image would proxy it again */}
        <img src={`${src}?variant=thumb`} alt={alt} loading="lazy" decoding="async" className={cn(sticker ? "size-28 object-contain" : "h-44 w-64 max-w-full object-cover")} />
      </button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="w-auto max-w-[min(92vw,1100px)] p-3 sm:max-w-[min(92vw,1100px)]" data-testid="media-lightbox">
          <DialogTitle className="sr-only">{alt}</DialogTitle>
          <DialogDescription className="sr-only">{t("lightboxHint")}</DialogDescription>
          {/* biome-ignore lint/performance/noImgElement: the full-size file from the authorised media route */}
          <img src={src} alt={alt} className="max-h-[80vh] max-w-full rounded object-contain" data-testid="media-full" />
          <div className="flex items-center justify-between gap-3 text-sm">
            <span className="min-w-0 truncate text-muted-foreground">{media.caption}</span>
            <a href={src} download className="shrink-0 text-primary underline-offset-2 hover:underline">
              {t("download")}
            </a>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
});

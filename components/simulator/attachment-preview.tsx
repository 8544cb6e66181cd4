"use client";

import { FileText, Music, Sticker, Video, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { useFileSize } from "@/components/media/use-file-size";
import type { MediaKind } from "@/lib/media/types";

const ICONS = { audio: Music, video: Video, document: FileText, sticker: Sticker } as const;

/** The file about to be sent, above the composer: a thumbnail for images, else its kind, name and size. */
export function AttachmentPreview({ file, kind, onRemove }: { file: File; kind: MediaKind; onRemove: () => void }) {
  const t = useTranslations("simulator");
  const size = useFileSize()(file.size);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    if (kind !== "image" && kind !== "sticker") return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file, kind]);
  const Icon = kind === "image" ? null : ICONS[kind];
  return (
    <div className="flex items-center gap-3 border-t bg-muted/50 px-3 py-2" role="group" aria-label={t("attachment", { name: file.name })} data-testid="attachment-preview">
      {preview ? (
        // biome-ignore lint/performance/noImgElement: a local object URL of the picked file
        <img src={preview} alt="" className="size-12 shrink-0 rounded object-cover" />
      ) : Icon ? (
        <span className="grid size-12 shrink-0 place-items-center rounded bg-primary/15 text-primary">
          <Icon className="size-5" />
        </span>
      ) : null}
      <div className="min-w-0 flex-1 text-sm">
        <p className="truncate font-medium">{file.name}</p>
        <p className="text-xs text-muted-foreground">
          {t(`fileKind.${kind}`)}
          {size ? ` · ${size}` : ""}
        </p>
      </div>
      <Button type="button" variant="ghost" size="icon" className="shrink-0" onClick={onRemove} aria-label={t("removeAttachment")}>
        <X />
      </Button>
    </div>
  );
}

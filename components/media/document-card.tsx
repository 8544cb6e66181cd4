"use client";

import { Download, FileText } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import type { MediaView } from "@/lib/media/types";
import { typeLabel } from "@/lib/whatsapp/media-limits";
import { useFileSize } from "./use-file-size";

/** A document as WhatsApp shows it: name, type and size, and a link that downloads it. */
export const DocumentCard = memo(function DocumentCard({ media }: { media: MediaView }) {
  const t = useTranslations("media");
  const size = useFileSize();
  const href = `/api/media/${encodeURIComponent(media.id)}`;
  const name = media.filename ?? t("kind.document");
  const details = [media.mimeType ? typeLabel(media.mimeType) : null, size(media.size)].filter(Boolean).join(" · ");
  return (
    <div className="flex w-72 max-w-full items-center gap-2.5 rounded-md border bg-background/70 px-2.5 py-2" data-testid="media-document">
      <span className="grid size-9 shrink-0 place-items-center rounded bg-primary/12 text-primary" aria-hidden>
        <FileText className="size-5" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium" title={name}>
          {name}
        </p>
        {details && <p className="text-xs text-muted-foreground">{details}</p>}
      </div>
      <a
        href={href}
        download={media.filename ?? true}
        className="grid size-8 shrink-0 place-items-center rounded-md text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        aria-label={t("downloadNamed", { name })}
        title={t("download")}
        data-testid="media-download"
      >
        <Download className="size-4" />
      </a>
    </div>
  );
});

"use client";

import { FileText, Image as ImageIcon, Library, Music, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import type { MediaKind } from "@/lib/media/types";
import { useLibraryItem } from "./library-context";
import { LibraryThumb } from "./library-picker";

const ICONS = { image: ImageIcon, video: Video, audio: Music, document: FileText, sticker: ImageIcon } as const;

/** A step's file on the canvas: the library file's thumbnail and name, or the address. */
export function MediaChip({ kind, url, libraryId, filename }: { kind: MediaKind; url: string; libraryId?: string; filename?: string }) {
  const t = useTranslations("editor.library");
  const item = useLibraryItem(libraryId);
  const Icon = libraryId !== undefined ? Library : ICONS[kind];
  return (
    <div className="flex items-center gap-1.5 rounded-md bg-muted px-2 py-1.5 text-muted-foreground" data-testid="media-chip">
      {item?.hasThumbnail ? <LibraryThumb item={item} className="size-6 shrink-0" /> : <Icon className="size-3.5 shrink-0" aria-hidden />}
      <span className="truncate">{libraryId !== undefined ? (item?.name ?? t(libraryId ? "libraryFile" : "noFile")) : filename || url}</span>
    </div>
  );
}

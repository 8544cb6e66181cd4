"use client";

import { FileText, Image as ImageIcon, Loader2, Music, Trash2, Upload, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { useFileSize } from "@/components/media/use-file-size";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { type LibraryItem, libraryFileUrl } from "@/lib/media/library/types";
import type { MediaKind } from "@/lib/media/types";
import { cn } from "@/lib/utils";
import { MEDIA_TYPES } from "@/lib/whatsapp/media-limits";
import { useMediaLibrary } from "./library-context";

const ICONS = { image: ImageIcon, video: Video, audio: Music, document: FileText, sticker: ImageIcon } as const;

/** An item's face: the thumbnail for images, the kind's icon for the rest. */
export function LibraryThumb({ item, className }: { item: LibraryItem; className?: string }) {
  const Icon = ICONS[item.kind];
  return item.hasThumbnail ? (
    // biome-ignore lint/performance/noImgElement: an authorised API file, not a static asset next/image could optimise
    <img src={libraryFileUrl(item.id, "thumb")} alt="" className={cn("rounded object-cover", className)} />
  ) : (
    <span className={cn("flex items-center justify-center rounded bg-muted text-muted-foreground", className)}>
      <Icon className="size-5" aria-hidden />
    </span>
  );
}

/**
 * Chooses a library file of one kind, or uploads a new one (button, or drop a file on the
 * dialog). Uploads are checked by the server against WhatsApp's limits; its reason is shown.
 */
export function LibraryPicker({
  open,
  onOpenChange,
  kind,
  selectedId,
  onPick,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  kind: MediaKind;
  selectedId?: string;
  onPick: (item: LibraryItem) => void;
}) {
  const t = useTranslations("editor.library");
  const tk = useTranslations("editor.media");
  const size = useFileSize();
  const library = useMediaLibrary();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const items = library.items.filter((i) => i.kind === kind);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const item = await library.upload(file);
      if (item.kind !== kind) {
        toast.error(t("wrongKind", { name: item.name, kind: tk(kind).toLowerCase() }));
        return;
      }
      toast.success(t("uploaded", { name: item.name }));
      onPick(item);
      onOpenChange(false);
    } catch (e) {
      toast.error(t("uploadFailed", { reason: (e as Error).message }));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };

  const remove = async (item: LibraryItem) => {
    try {
      await library.remove(item.id);
      toast.success(t("removed", { name: item.name }));
    } catch (e) {
      toast.error((e as Error).message);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className={cn("max-w-2xl", dragging && "ring-2 ring-primary")}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void upload(e.dataTransfer.files[0]);
        }}
        data-testid="library-picker"
      >
        <DialogHeader>
          <DialogTitle>{t("title", { kind: tk(kind) })}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        <div className="flex items-center gap-2">
          <input
            ref={input}
            type="file"
            className="sr-only"
            accept={MEDIA_TYPES[kind].join(",")}
            aria-label={t("upload")}
            data-testid="library-upload-input"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
          <Button type="button" size="sm" onClick={() => input.current?.click()} disabled={busy}>
            {busy ? <Loader2 className="size-4 animate-spin" /> : <Upload className="size-4" />}
            {busy ? t("uploading") : t("upload")}
          </Button>
          <span className="text-xs text-muted-foreground">{t("dropHint")}</span>
        </div>
        {library.error && (
          <p className="text-sm text-destructive" role="alert">
            {t("loadFailed", { reason: library.error })}
          </p>
        )}
        {library.loaded && items.length === 0 && !library.error ? (
          <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground" data-testid="library-empty">
            {t("empty", { kind: tk(kind).toLowerCase() })}
          </p>
        ) : (
          <ul className="grid max-h-[22rem] grid-cols-2 gap-2 overflow-y-auto sm:grid-cols-3" aria-label={t("title", { kind: tk(kind) })}>
            {items.map((item) => (
              <li key={item.id} className={cn("group relative rounded-md border", item.id === selectedId && "border-primary ring-1 ring-primary")}>
                <button
                  type="button"
                  className="flex w-full flex-col gap-1.5 p-2 text-left outline-none focus-visible:ring-2 focus-visible:ring-ring rounded-md"
                  onClick={() => {
                    onPick(item);
                    onOpenChange(false);
                  }}
                  data-testid="library-item"
                >
                  <LibraryThumb item={item} className="h-24 w-full" />
                  <span className="truncate text-sm font-medium">{item.name}</span>
                  <span className="text-xs text-muted-foreground">{size(item.size)}</span>
                </button>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="absolute top-1 right-1 size-7 bg-background/80 opacity-0 group-hover:opacity-100 focus-visible:opacity-100"
                  aria-label={t("remove", { name: item.name })}
                  onClick={() => void remove(item)}
                >
                  <Trash2 className="size-3.5" />
                </Button>
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}

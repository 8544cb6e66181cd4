"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { LibraryPicker, LibraryThumb } from "@/components/flow-editor/media/library-picker";
import { MediaLibraryProvider, useMediaLibrary } from "@/components/flow-editor/media/library-context";
import { Button } from "@/components/ui/button";
import type { MediaKind } from "@/lib/media/types";

/**
 * A campaign's media header from the media library: the chosen file and the flow editor's
 * library picker (choose, or upload a new one). The library loads only when this is shown.
 */
export function LibraryHeaderField({ kind, libraryId, label, onPick }: { kind: MediaKind; libraryId: string; label: string; onPick: (libraryId: string) => void }) {
  return (
    <MediaLibraryProvider>
      <Chosen kind={kind} libraryId={libraryId} label={label} onPick={onPick} />
    </MediaLibraryProvider>
  );
}

function Chosen({ kind, libraryId, label, onPick }: { kind: MediaKind; libraryId: string; label: string; onPick: (libraryId: string) => void }) {
  const t = useTranslations("editor.library");
  const library = useMediaLibrary();
  const [picking, setPicking] = useState(!libraryId);
  const item = libraryId ? library.items.find((i) => i.id === libraryId) : undefined;
  return (
    <div className="flex items-center gap-2 rounded-md border px-2 py-1" data-testid="campaign-library-file">
      {item && <LibraryThumb item={item} className="size-7 shrink-0" />}
      <span className="min-w-0 flex-1 truncate text-sm">{item ? item.name : libraryId && library.loaded ? t("unknownFile") : t("noFile")}</span>
      <Button type="button" variant="outline" size="sm" className="h-7" aria-label={label} onClick={() => setPicking(true)}>
        {t(item ? "change" : "choose")}
      </Button>
      <LibraryPicker open={picking} onOpenChange={setPicking} kind={kind} selectedId={libraryId || undefined} onPick={(picked) => onPick(picked.id)} />
    </div>
  );
}

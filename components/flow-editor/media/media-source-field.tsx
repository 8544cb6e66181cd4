"use client";

import { Library, Link2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFileSize } from "@/components/media/use-file-size";
import { Button } from "@/components/ui/button";
import type { MediaKind } from "@/lib/media/types";
import { cn } from "@/lib/utils";
import { FieldFeedback, TextField } from "../inspector/fields";
import { useMediaLibrary } from "./library-context";
import { LibraryPicker, LibraryThumb } from "./library-picker";

export type SourceValue = { kind: MediaKind; url: string; libraryId?: string };

/**
 * Where a step's file comes from: the media library (the default: uploaded once, checked
 * against WhatsApp's limits, sent by Meta id) or a public address Meta fetches itself.
 * `base` is the field path for lint feedback, e.g. "data.media"; `urlField` overrides the
 * address's path where a step keeps it elsewhere (the template step's "data.header").
 */
export function MediaSourceField({
  base,
  urlField,
  value,
  onChange,
}: {
  base: string;
  urlField?: string;
  value: SourceValue;
  onChange: (next: { url: string; libraryId?: string }) => void;
}) {
  const t = useTranslations("editor.library");
  const size = useFileSize();
  const library = useMediaLibrary();
  const [picking, setPicking] = useState(false);
  const fromLibrary = value.libraryId !== undefined;
  const item = value.libraryId ? library.items.find((i) => i.id === value.libraryId) : undefined;
  return (
    <div className="grid gap-1.5">
      <div className="inline-flex w-fit rounded-md border p-0.5" role="radiogroup" aria-label={t("source")}>
        {(["library", "url"] as const).map((source) => {
          const active = source === "library" ? fromLibrary : !fromLibrary;
          const Icon = source === "library" ? Library : Link2;
          return (
            <button
              key={source}
              type="button"
              role="radio"
              aria-checked={active}
              className={cn(
                "flex items-center gap-1 rounded px-2 py-1 text-xs font-medium outline-none focus-visible:ring-2 focus-visible:ring-ring",
                active ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:text-foreground",
              )}
              onClick={() => {
                if (active) return;
                if (source === "library") {
                  onChange({ url: "", libraryId: "" });
                  setPicking(true);
                } else onChange({ url: "https://" });
              }}
            >
              <Icon className="size-3.5" aria-hidden />
              {t(source === "library" ? "fromLibrary" : "fromUrl")}
            </button>
          );
        })}
      </div>
      {fromLibrary ? (
        <>
          <div className="flex items-center gap-2 rounded-md border p-2" data-field={`${base}.libraryId`}>
            {item ? (
              <>
                <LibraryThumb item={item} className="size-10 shrink-0" />
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium" data-testid="chosen-file">
                    {item.name}
                  </p>
                  <p className="text-xs text-muted-foreground">{size(item.size)}</p>
                </div>
              </>
            ) : (
              <p className="flex-1 text-xs text-muted-foreground">{value.libraryId ? t("unknownFile") : t("noFile")}</p>
            )}
            <Button type="button" variant="outline" size="sm" className="h-7" onClick={() => setPicking(true)}>
              {t(item ? "change" : "choose")}
            </Button>
          </div>
          <FieldFeedback field={`${base}.libraryId`} />
          <LibraryPicker open={picking} onOpenChange={setPicking} kind={value.kind} selectedId={value.libraryId} onPick={(picked) => onChange({ url: "", libraryId: picked.id })} />
        </>
      ) : (
        <TextField label={t("address")} field={urlField ?? `${base}.url`} value={value.url} mono templates onChange={(url) => onChange({ url })} />
      )}
    </div>
  );
}

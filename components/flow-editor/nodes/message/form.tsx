"use client";

import { useTranslations } from "next-intl";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { type MediaKind, WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { Section, TextField } from "../../inspector/fields";
import { MediaSourceField } from "../../media/media-source-field";
import { type FormProps, LabelField, useUpdate } from "../form-kit";

const MEDIA_KINDS: MediaKind[] = ["image", "video", "audio", "document"];

/** The `message` step in the inspector. */
export function MessageForm({ node }: FormProps<"message">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const media = node.data.media;
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.text")} field="data.text" value={node.data.text} max={L.textBody} multiline rows={5} templates onChange={(text) => update("text", (d) => ({ ...d, text }))} />
      <Section title={t("inspector.media")}>
        <div className="grid gap-1.5">
          <Label className="text-xs" htmlFor={`${node.id}-media-kind`}>
            {t("inspector.mediaKind")}
          </Label>
          <Select
            value={media?.kind ?? "none"}
            onValueChange={(kind) =>
              update("media", (d) => {
                if (kind === "none") {
                  const { media: _drop, ...rest } = d;
                  return rest;
                }
                // A new attachment starts in the library; switching kinds keeps an address but
                // not a library file (it is of the old kind).
                const source = d.media && d.media.libraryId === undefined ? { url: d.media.url } : { url: "", libraryId: "" };
                return { ...d, media: { ...source, caption: d.media?.caption, filename: d.media?.filename, kind: kind as MediaKind } };
              }, true)
            }
          >
            <SelectTrigger id={`${node.id}-media-kind`} className="h-8 w-full" data-field="data.media.kind">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="none">{t("inspector.mediaNone")}</SelectItem>
              {MEDIA_KINDS.map((k) => (
                <SelectItem key={k} value={k}>
                  {t(`media.${k}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        {media && (
          <>
            <MediaSourceField
              base="data.media"
              value={media}
              onChange={(source) =>
                update("media.source", (d) => {
                  const { libraryId: _drop, url: _url, ...rest } = d.media!;
                  return { ...d, media: { ...rest, ...source } };
                })
              }
            />
            {media.kind !== "audio" && (
              <TextField label={t("inspector.caption")} field="data.media.caption" value={media.caption} max={L.mediaCaption} templates onChange={(caption) => update("media.caption", (d) => ({ ...d, media: { ...d.media!, caption } }))} />
            )}
            {media.kind === "document" && (
              <TextField label={t("inspector.filename")} field="data.media.filename" value={media.filename} onChange={(filename) => update("media.filename", (d) => ({ ...d, media: { ...d.media!, filename } }))} />
            )}
          </>
        )}
      </Section>
    </>
  );
}

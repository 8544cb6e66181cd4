"use client";

import { useTranslations } from "next-intl";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { HeaderMedia } from "@/lib/flow/nodes/buttons/schema";
import { WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { TextField } from "../../inspector/fields";
import { MediaSourceField } from "../../media/media-source-field";
import { type FormProps, useUpdate } from "../form-kit";

const HEADER_KINDS: HeaderMedia["kind"][] = ["image", "video", "document"];

/** The buttons' header: text, or an image, video or document (WhatsApp allows media headers on reply buttons). */
export function ButtonsHeaderField({ node }: FormProps<"buttons">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const media = node.data.headerMedia;
  return (
    <div className="grid gap-2">
      <div className="grid gap-1.5">
        <Label className="text-xs" htmlFor={`${node.id}-header-kind`}>
          {t("inspector.headerKind")}
        </Label>
        <Select
          value={media?.kind ?? "text"}
          onValueChange={(kind) =>
            update(
              "headerMedia",
              (d) => {
                const { headerMedia: _drop, ...rest } = d;
                if (kind === "text") return rest;
                return { ...rest, headerMedia: { kind: kind as HeaderMedia["kind"], url: "", libraryId: "" } };
              },
              true,
            )
          }
        >
          <SelectTrigger id={`${node.id}-header-kind`} className="h-8 w-full" data-field="data.headerMedia.kind">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="text">{t("inspector.headerText")}</SelectItem>
            {HEADER_KINDS.map((k) => (
              <SelectItem key={k} value={k}>
                {t(`media.${k}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {media ? (
        <>
          <MediaSourceField
            base="data.headerMedia"
            value={media}
            onChange={(source) =>
              update("headerMedia.source", (d) => {
                const { libraryId: _drop, url: _url, ...rest } = d.headerMedia!;
                return { ...d, headerMedia: { ...rest, ...source } };
              })
            }
          />
          {media.kind === "document" && (
            <TextField
              label={t("inspector.filename")}
              field="data.headerMedia.filename"
              value={media.filename}
              onChange={(filename) => update("headerMedia.filename", (d) => ({ ...d, headerMedia: { ...d.headerMedia!, filename } }))}
            />
          )}
        </>
      ) : (
        <TextField label={t("inspector.header")} field="data.header" value={node.data.header} max={L.header} templates onChange={(header) => update("header", (d) => ({ ...d, header }))} />
      )}
    </div>
  );
}

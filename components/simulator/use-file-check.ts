"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { MediaKind } from "@/lib/media/types";
import { checkMediaFile, formatLimit } from "@/lib/whatsapp/media-limits";

export type FileCheck = { ok: true; kind: MediaKind } | { ok: false; message: string };

/**
 * WhatsApp's limits checked in the browser before uploading, with the reason in the user's
 * language ("PNG over 5 MB: WhatsApp refuses images over 5 MB"). The server checks again.
 */
export function useFileCheck(): (file: File) => FileCheck {
  const t = useTranslations("simulator");
  return useCallback(
    (file: File) => {
      const check = checkMediaFile(file);
      if (check.ok) return check;
      const refusal = check.refusal;
      if (refusal.code === "too_large") return { ok: false, message: t("tooLarge", { label: refusal.label, max: formatLimit(refusal.max), kind: refusal.kind }) };
      // Browsers leave the type empty for extensions they do not know: name the extension instead.
      const extension = /\.([a-z0-9]{1,8})$/i.exec(file.name)?.[1]?.toUpperCase();
      return { ok: false, message: t("refusedType", { type: file.type || extension || "?" }) };
    },
    [t],
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { MediaLabels } from "@/lib/contacts/templates";

/** A template's media header placeholder ("[Imagen]") in the reader's language, for text previews. */
export function useMediaLabels(): MediaLabels {
  const t = useTranslations("templates.mediaLabels");
  return useMemo(() => ({ image: t("image"), video: t("video"), document: t("document"), location: t("location") }), [t]);
}

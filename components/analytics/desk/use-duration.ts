"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/** Whole seconds as the largest two units people read at a glance: "45 s", "12 min", "1 h 05 min", "2 d 3 h". */
export function useDuration() {
  const t = useTranslations("analytics.desk.duration");
  return useCallback(
    (seconds: number | null | undefined) => {
      if (seconds === null || seconds === undefined) return t("none");
      if (seconds < 60) return t("seconds", { n: seconds });
      const minutes = Math.round(seconds / 60);
      if (minutes < 60) return t("minutes", { n: minutes });
      if (minutes < 24 * 60) return t("hours", { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, "0") });
      const hours = Math.round(minutes / 60);
      return t("days", { d: Math.floor(hours / 24), h: hours % 24 });
    },
    [t],
  );
}

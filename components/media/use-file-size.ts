"use client";

import { useFormatter } from "next-intl";
import { useCallback } from "react";

/** Sizes as people read them, in the UI's locale: 812 B, 34 KB, 4,2 MB. */
export function useFileSize(): (bytes: number | null) => string | null {
  const format = useFormatter();
  return useCallback(
    (bytes: number | null) => {
      if (bytes === null || !Number.isFinite(bytes)) return null;
      const [value, unit] =
        bytes >= 1024 * 1024 * 1024 ? [bytes / 1024 ** 3, "gigabyte"] : bytes >= 1024 * 1024 ? [bytes / 1024 ** 2, "megabyte"] : bytes >= 1024 ? [bytes / 1024, "kilobyte"] : [bytes, "byte"];
      return format.number(value, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: value < 10 && unit !== "byte" ? 1 : 0 });
    },
    [format],
  );
}

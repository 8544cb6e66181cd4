"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";

/** Monday first, as people plan their week; cells shaded by share of the busiest hour. */
const ORDER = [1, 2, 3, 4, 5, 6, 0];

export function Heatmap({ cells }: { cells: { weekday: number; hour: number; conversations: number }[] }) {
  const t = useTranslations("analytics.desk.charts");
  const locale = useLocale();
  const names = useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
    // 2026-11-01 was a Sunday.
    return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2026, 10, 1 + i))));
  }, [locale]);
  const max = Math.max(1, ...cells.map((c) => c.conversations));
  const at = (weekday: number, hour: number) => cells[weekday * 24 + hour]?.conversations ?? 0;
  return (
    <div data-testid="desk-heatmap">
      {/* Fixed layout: the 24 columns share the card's width, whatever it is, instead of overflowing it. */}
      <table className="w-full table-fixed border-separate border-spacing-0.5 text-[10px]">
        <thead>
          <tr>
            <th className="w-9" />
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col" className="font-normal text-muted-foreground">
                {h % 3 === 0 ? h : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ORDER.map((weekday) => (
            <tr key={weekday}>
              <th scope="row" className="pr-1 text-left font-normal whitespace-nowrap text-muted-foreground">
                {names[weekday]}
              </th>
              {Array.from({ length: 24 }, (_, hour) => {
                const n = at(weekday, hour);
                const label = t("cell", { day: names[weekday]!, hour, count: n });
                return (
                  <td
                    key={hour}
                    title={label}
                    aria-label={label}
                    className="h-5 rounded-sm"
                    style={{ backgroundColor: n ? `color-mix(in oklch, var(--chart-1) ${Math.round(15 + (85 * n) / max)}%, transparent)` : "var(--muted)" }}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { shiftDay } from "@/lib/analytics/range";
import { cn } from "@/lib/utils";

export type PickedRange = { preset: 7 | 30 | 90 | "custom"; from: string; to: string };

export const PRESETS = [7, 30, 90] as const;

export function presetRange(days: (typeof PRESETS)[number], today: string): PickedRange {
  return { preset: days, from: shiftDay(today, -(days - 1)), to: today };
}

/** The preset two days make (so a bookmarked or default range lights its pill), else custom. */
export function rangeOf(from: string, to: string, today: string): PickedRange {
  const preset = PRESETS.find((days) => to === today && from === shiftDay(today, -(days - 1)));
  return preset ? presetRange(preset, today) : { preset: "custom", from, to };
}

/**
 * The one range control of every analytics section. Presets count back from today in the
 * workspace's time zone and apply at once; custom is any two days (the server checks the span).
 */
export function RangePicker({ value, today, onChange }: { value: PickedRange; today: string; onChange: (range: PickedRange) => void }) {
  const t = useTranslations("analytics.range");
  const [custom, setCustom] = useState(value.preset === "custom");
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="grid gap-1.5">
        <span className="text-xs font-medium text-muted-foreground">{t("label")}</span>
        <div className="flex rounded-md border p-0.5" role="group" aria-label={t("label")}>
          {PRESETS.map((days) => (
            <Button
              key={days}
              type="button"
              size="sm"
              variant="ghost"
              aria-pressed={!custom && value.preset === days}
              className={cn("h-7", !custom && value.preset === days && "bg-muted")}
              onClick={() => {
                setCustom(false);
                onChange(presetRange(days, today));
              }}
            >
              {t(`last${days}`)}
            </Button>
          ))}
          <Button type="button" size="sm" variant="ghost" aria-pressed={custom} className={cn("h-7", custom && "bg-muted")} onClick={() => setCustom(true)}>
            {t("custom")}
          </Button>
        </div>
      </div>
      {custom && (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            onChange({ preset: "custom", from, to });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="analytics-range-from" className="text-xs text-muted-foreground">
              {t("from")}
            </Label>
            <Input id="analytics-range-from" type="date" className="h-8 w-36" value={from} max={today} onChange={(e) => setFrom(e.target.value)} required />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="analytics-range-to" className="text-xs text-muted-foreground">
              {t("to")}
            </Label>
            <Input id="analytics-range-to" type="date" className="h-8 w-36" value={to} onChange={(e) => setTo(e.target.value)} required />
          </div>
          <Button type="submit" size="sm" className="h-8">
            {t("apply")}
          </Button>
        </form>
      )}
    </div>
  );
}

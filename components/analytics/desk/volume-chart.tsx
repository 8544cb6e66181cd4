"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { type ChartConfig, ChartContainer, ChartTooltip, ChartTooltipContent } from "@/components/ui/chart";

/** Conversations per day of the range (bars; a 90-day range still fits the card). */
export function VolumeChart({ daily }: { daily: { day: string; conversations: number }[] }) {
  const t = useTranslations("analytics.desk.charts");
  const format = useFormatter();
  const config = { conversations: { label: t("conversations"), color: "var(--chart-1)" } } satisfies ChartConfig;
  // The day is a calendar date: shown as such, never shifted by the browser's zone.
  const label = (day: string) => format.dateTime(new Date(`${day}T12:00:00Z`), { day: "numeric", month: "short", timeZone: "UTC" });
  return (
    <ChartContainer config={config} className="aspect-auto h-56 w-full" data-testid="desk-volume-chart">
      <BarChart data={daily} margin={{ left: -16, right: 8, top: 8 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="day" tickLine={false} axisLine={false} tickMargin={8} minTickGap={24} tickFormatter={label} />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={40} />
        <ChartTooltip cursor={false} content={<ChartTooltipContent labelFormatter={(v) => label(String(v))} />} />
        <Bar dataKey="conversations" fill="var(--color-conversations)" radius={3} />
      </BarChart>
    </ChartContainer>
  );
}

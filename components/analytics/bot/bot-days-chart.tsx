"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { type ChartConfig, ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent } from "@/components/ui/chart";
import type { BotDay } from "@/lib/analytics/bot/figures";

/** Conversations per day by outcome, stacked (those still in the bot on top). */
export function BotDaysChart({ days }: { days: BotDay[] }) {
  const t = useTranslations("analytics.bot.kpi");
  const config = {
    contained: { label: t("contained"), color: "var(--chart-1)" },
    handedOff: { label: t("handedOff"), color: "var(--chart-2)" },
    abandoned: { label: t("abandoned"), color: "var(--chart-5)" },
    inBot: { label: t("inBot"), color: "var(--chart-4)" },
  } satisfies ChartConfig;
  const data = days.map((d) => ({ ...d, label: d.day.slice(5), inBot: Math.max(0, d.started - d.contained - d.handedOff - d.abandoned) }));
  return (
    <ChartContainer config={config} className="aspect-auto h-64 w-full">
      <BarChart data={data} margin={{ left: 0, right: 8, top: 8 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="label" tickLine={false} axisLine={false} tickMargin={8} minTickGap={16} />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={36} />
        <ChartTooltip content={<ChartTooltipContent />} />
        <ChartLegend content={<ChartLegendContent />} />
        <Bar dataKey="contained" stackId="a" fill="var(--color-contained)" />
        <Bar dataKey="handedOff" stackId="a" fill="var(--color-handedOff)" />
        <Bar dataKey="abandoned" stackId="a" fill="var(--color-abandoned)" />
        <Bar dataKey="inBot" stackId="a" fill="var(--color-inBot)" radius={[3, 3, 0, 0]} />
      </BarChart>
    </ChartContainer>
  );
}

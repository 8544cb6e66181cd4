"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, ComposedChart, Line, XAxis, YAxis } from "recharts";
import { type ChartConfig, ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent } from "@/components/ui/chart";
import type { SatisfactionReport } from "@/lib/analytics/satisfaction";

/** Answers (bars) and the average score (line, right axis) per day. */
export function OverTimeChart({ days }: { days: SatisfactionReport["days"] }) {
  const t = useTranslations("analytics.satisfaction");
  const config = {
    answered: { label: t("answers"), color: "var(--chart-1)" },
    average: { label: t("averageSeries"), color: "var(--chart-2)" },
  } satisfies ChartConfig;
  const data = days.map((d) => ({ day: d.day.slice(5), answered: d.answered, average: d.average }));
  return (
    <ChartContainer config={config} className="aspect-auto h-56 w-full" data-testid="csat-over-time">
      <ComposedChart data={data} margin={{ left: 0, right: 0, top: 8 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="day" tickLine={false} axisLine={false} minTickGap={24} />
        <YAxis yAxisId="count" allowDecimals={false} tickLine={false} axisLine={false} width={28} />
        <YAxis yAxisId="score" orientation="right" domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} tickLine={false} axisLine={false} width={20} />
        <ChartTooltip content={<ChartTooltipContent />} />
        <ChartLegend content={<ChartLegendContent />} />
        <Bar yAxisId="count" dataKey="answered" fill="var(--color-answered)" radius={3} />
        <Line yAxisId="score" dataKey="average" stroke="var(--color-average)" strokeWidth={2} dot={{ r: 2 }} connectNulls type="monotone" />
      </ComposedChart>
    </ChartContainer>
  );
}

/** Answers per score, 5 at the top. */
export function DistributionChart({ distribution }: { distribution: SatisfactionReport["totals"]["distribution"] }) {
  const t = useTranslations("analytics.satisfaction");
  const config = { count: { label: t("count"), color: "var(--chart-1)" } } satisfies ChartConfig;
  const data = (["5", "4", "3", "2", "1"] as const).map((score) => ({ score, label: t("scoreLabel", { score }), count: distribution[score] }));
  return (
    <ChartContainer config={config} className="aspect-auto h-56 w-full" data-testid="csat-distribution">
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
        <CartesianGrid horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="label" tickLine={false} axisLine={false} width={64} />
        <ChartTooltip content={<ChartTooltipContent hideLabel />} />
        <Bar dataKey="count" fill="var(--color-count)" radius={3} />
      </BarChart>
    </ChartContainer>
  );
}

"use client";

import * as React from "react";
import * as RechartsPrimitive from "recharts";
import { cn } from "@/lib/utils";

/*
 * shadcn/ui's chart primitives on Recharts: a container that names each series' colour as a
 * CSS variable (`--color-<key>`), and tooltip and legend contents styled like the rest of the
 * UI. Same exports and props as shadcn's `chart` component, so its documented examples apply.
 */

/** Theme name → the selector its colours apply under. */
const THEMES = { light: "", dark: ".dark" } as const;

export type ChartConfig = Record<
  string,
  { label?: React.ReactNode; icon?: React.ComponentType } & ({ color?: string; theme?: never } | { color?: never; theme: Record<keyof typeof THEMES, string> })
>;

const ChartContext = React.createContext<{ config: ChartConfig } | null>(null);

function useChart() {
  const context = React.useContext(ChartContext);
  if (!context) throw new Error("useChart must be used within a <ChartContainer />");
  return context;
}

const CONTAINER_CLASSES = [
  "flex aspect-video justify-center text-xs",
  "[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground",
  "[&_.recharts-cartesian-grid_line[stroke='#ccc']]:stroke-border/50",
  "[&_.recharts-curve.recharts-tooltip-cursor]:stroke-border",
  "[&_.recharts-dot[stroke='#fff']]:stroke-transparent",
  "[&_.recharts-layer]:outline-hidden",
  "[&_.recharts-polar-grid_[stroke='#ccc']]:stroke-border",
  "[&_.recharts-radial-bar-background-sector]:fill-muted",
  "[&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted",
  "[&_.recharts-reference-line_[stroke='#ccc']]:stroke-border",
  "[&_.recharts-sector]:outline-hidden",
  "[&_.recharts-sector[stroke='#fff']]:stroke-transparent",
  "[&_.recharts-surface]:outline-hidden",
].join(" ");

function ChartContainer({
  id,
  className,
  children,
  config,
  initialDimension = { width: 320, height: 200 },
  ...props
}: React.ComponentProps<"div"> & {
  config: ChartConfig;
  children: React.ComponentProps<typeof RechartsPrimitive.ResponsiveContainer>["children"];
  initialDimension?: { width: number; height: number };
}) {
  const uniqueId = React.useId();
  const chartId = `chart-${id ?? uniqueId.replace(/:/g, "")}`;
  return (
    <ChartContext.Provider value={{ config }}>
      <div data-slot="chart" data-chart={chartId} className={cn(CONTAINER_CLASSES, className)} {...props}>
        <ChartStyle id={chartId} config={config} />
        <RechartsPrimitive.ResponsiveContainer initialDimension={initialDimension}>{children}</RechartsPrimitive.ResponsiveContainer>
      </div>
    </ChartContext.Provider>
  );
}

/** The series' colours as CSS variables scoped to one chart, per theme. */
function ChartStyle({ id, config }: { id: string; config: ChartConfig }) {
  const coloured = Object.entries(config).filter(([, item]) => item.theme ?? item.color);
  if (coloured.length === 0) return null;
  const css = Object.entries(THEMES)
    .map(([theme, prefix]) => {
      const lines = coloured
        .map(([key, item]) => {
          const color = item.theme?.[theme as keyof typeof THEMES] ?? item.color;
          return color ? `  --color-${key}: ${color};` : null;
        })
        .filter(Boolean)
        .join("\n");
      return `${prefix} [data-chart=${id}] {\n${lines}\n}`;
    })
    .join("\n");
  // Text children: the config is ours (keys and colours written in code), and React escapes it anyway.
  return <style>{css}</style>;
}

const ChartTooltip = RechartsPrimitive.Tooltip;

type TooltipItem = {
  name?: string | number;
  dataKey?: string | number | ((obj: unknown) => unknown);
  value?: unknown;
  color?: string;
  type?: string;
  payload?: Record<string, unknown>;
};

function ChartTooltipContent({
  active,
  payload,
  className,
  indicator = "dot",
  hideLabel = false,
  hideIndicator = false,
  label,
  labelFormatter,
  labelClassName,
  formatter,
  color,
  nameKey,
  labelKey,
}: {
  active?: boolean;
  payload?: readonly TooltipItem[];
  label?: React.ReactNode;
  className?: string;
  indicator?: "line" | "dot" | "dashed";
  hideLabel?: boolean;
  hideIndicator?: boolean;
  labelFormatter?: (label: React.ReactNode, payload: readonly TooltipItem[]) => React.ReactNode;
  labelClassName?: string;
  formatter?: (value: unknown, name: string | number, item: TooltipItem, index: number, payload: unknown) => React.ReactNode;
  color?: string;
  nameKey?: string;
  labelKey?: string;
}) {
  const { config } = useChart();
  if (!active || !payload?.length) return null;

  const first = payload[0];
  const labelConfig = itemConfig(config, first, `${labelKey ?? (typeof first?.dataKey === "string" ? first.dataKey : undefined) ?? first?.name ?? "value"}`);
  const labelValue = !labelKey && typeof label === "string" ? (config[label]?.label ?? label) : labelConfig?.label;
  const tooltipLabel = hideLabel ? null : labelFormatter ? (
    <div className={cn("font-medium", labelClassName)}>{labelFormatter(labelValue, payload)}</div>
  ) : labelValue ? (
    <div className={cn("font-medium", labelClassName)}>{labelValue}</div>
  ) : null;
  const nestLabel = payload.length === 1 && indicator !== "dot";

  return (
    <div className={cn("grid min-w-[8rem] items-start gap-1.5 rounded-lg border border-border/50 bg-background px-2.5 py-1.5 text-xs shadow-xl", className)}>
      {nestLabel ? null : tooltipLabel}
      <div className="grid gap-1.5">
        {payload
          .filter((item) => item.type !== "none")
          .map((item, index) => {
            const key = `${nameKey ?? item.name ?? (typeof item.dataKey === "string" ? item.dataKey : undefined) ?? "value"}`;
            const config_ = itemConfig(config, item, key);
            const indicatorColor = color ?? (item.payload?.fill as string | undefined) ?? item.color;
            return (
              <div
                key={`${key}-${index}`}
                className={cn("flex w-full flex-wrap items-stretch gap-2 [&>svg]:h-2.5 [&>svg]:w-2.5 [&>svg]:text-muted-foreground", indicator === "dot" && "items-center")}
              >
                {formatter && item.value !== undefined && item.name !== undefined ? (
                  formatter(item.value, item.name, item, index, item.payload)
                ) : (
                  <>
                    {config_?.icon ? (
                      <config_.icon />
                    ) : (
                      !hideIndicator && (
                        <div
                          className={cn("shrink-0 rounded-[2px] border-(--color-border) bg-(--color-bg)", {
                            "h-2.5 w-2.5": indicator === "dot",
                            "w-1": indicator === "line",
                            "w-0 border-[1.5px] border-dashed bg-transparent": indicator === "dashed",
                            "my-0.5": nestLabel && indicator === "dashed",
                          })}
                          style={{ "--color-bg": indicatorColor, "--color-border": indicatorColor } as React.CSSProperties}
                        />
                      )
                    )}
                    <div className={cn("flex flex-1 justify-between leading-none", nestLabel ? "items-end" : "items-center")}>
                      <div className="grid gap-1.5">
                        {nestLabel ? tooltipLabel : null}
                        <span className="text-muted-foreground">{config_?.label ?? item.name}</span>
                      </div>
                      {item.value != null && (
                        <span className="font-mono font-medium text-foreground tabular-nums">
                          {typeof item.value === "number" ? item.value.toLocaleString() : String(item.value)}
                        </span>
                      )}
                    </div>
                  </>
                )}
              </div>
            );
          })}
      </div>
    </div>
  );
}

const ChartLegend = RechartsPrimitive.Legend;

type LegendItem = { value?: unknown; dataKey?: unknown; color?: string; type?: string };

function ChartLegendContent({
  className,
  hideIcon = false,
  payload,
  verticalAlign = "bottom",
  nameKey,
}: { className?: string; hideIcon?: boolean; payload?: readonly LegendItem[]; verticalAlign?: "top" | "middle" | "bottom"; nameKey?: string }) {
  const { config } = useChart();
  if (!payload?.length) return null;
  return (
    <div className={cn("flex items-center justify-center gap-4", verticalAlign === "top" ? "pb-3" : "pt-3", className)}>
      {payload
        .filter((item) => item.type !== "none")
        .map((item) => {
          const key = `${nameKey ?? (typeof item.dataKey === "string" ? item.dataKey : undefined) ?? "value"}`;
          const config_ = itemConfig(config, item, key);
          return (
            <div key={String(item.value)} className="flex items-center gap-1.5 [&>svg]:h-3 [&>svg]:w-3 [&>svg]:text-muted-foreground">
              {config_?.icon && !hideIcon ? <config_.icon /> : <div className="h-2 w-2 shrink-0 rounded-[2px]" style={{ backgroundColor: item.color }} />}
              {config_?.label}
            </div>
          );
        })}
    </div>
  );
}

/** The config entry of a series: by the value found under `key` in the item (or its payload), else by `key` itself. */
function itemConfig(config: ChartConfig, item: unknown, key: string) {
  if (typeof item !== "object" || item === null) return undefined;
  const inner = "payload" in item && typeof item.payload === "object" && item.payload !== null ? (item.payload as Record<string, unknown>) : undefined;
  const own = (item as Record<string, unknown>)[key];
  const nested = inner?.[key];
  const configKey = typeof own === "string" ? own : typeof nested === "string" ? nested : key;
  return config[configKey] ?? config[key];
}

export { ChartContainer, ChartLegend, ChartLegendContent, ChartStyle, ChartTooltip, ChartTooltipContent };

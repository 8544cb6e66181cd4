"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { BotFilterOptions } from "@/lib/analytics/bot/filter-options";
import { RangePicker, rangeOf } from "../range-picker";

type Values = { flowId?: string; channelId?: string; from: string; to: string };
const ALL = "all";

/**
 * The figures are the URL's (the page renders them on the server), so a view can be bookmarked
 * and shared: every change navigates to the new query at once.
 */
export function BotFilters({ options, values, today }: { options: BotFilterOptions; values: Values; today: string }) {
  const t = useTranslations("analytics.bot.filters");
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  function go(next: Values) {
    const params = new URLSearchParams({ from: next.from, to: next.to });
    if (next.flowId) params.set("flowId", next.flowId);
    if (next.channelId) params.set("channelId", next.channelId);
    startTransition(() => router.push(`${pathname}?${params}`));
  }

  return (
    <div className="flex flex-wrap items-end gap-3" aria-busy={pending} data-testid="bot-filters">
      <RangePicker value={rangeOf(values.from, values.to, today)} today={today} onChange={(range) => go({ ...values, from: range.from, to: range.to })} />
      <Filter id="bot-flow" label={t("flow")} all={t("allFlows")} value={values.flowId} options={options.flows} onChange={(flowId) => go({ ...values, flowId })} />
      <Filter id="bot-channel" label={t("channel")} all={t("allChannels")} value={values.channelId} options={options.channels} onChange={(channelId) => go({ ...values, channelId })} />
    </div>
  );
}

function Filter({
  id,
  label,
  all,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  all: string;
  value: string | undefined;
  options: { id: string; name: string }[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Select value={value ?? ALL} onValueChange={(v) => onChange(v === ALL ? undefined : v)}>
        <SelectTrigger id={id} className="h-8 w-48">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{all}</SelectItem>
          {options.map((o) => (
            <SelectItem key={o.id} value={o.id}>
              {o.name}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

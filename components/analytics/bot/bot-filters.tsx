"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import type { BotFilterOptions } from "@/lib/analytics/bot/filter-options";
import { FilterSelect } from "../filter-select";
import { RangePicker, rangeOf } from "../range-picker";

type Values = { flowId?: string; channelId?: string; from: string; to: string };

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
      <FilterSelect id="bot-flow" label={t("flow")} all={t("allFlows")} value={values.flowId} options={options.flows} onChange={(flowId) => go({ ...values, flowId })} />
      <FilterSelect id="bot-channel" label={t("channel")} all={t("allChannels")} value={values.channelId} options={options.channels} onChange={(channelId) => go({ ...values, channelId })} />
    </div>
  );
}

import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { BotFilterOptions } from "@/lib/analytics/bot/filter-options";

const selectClass =
  "h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50";

/** A plain GET form: the figures are the URL's, so a view can be bookmarked and shared. */
export async function BotFilters({ options, values }: { options: BotFilterOptions; values: { flowId?: string; channelId?: string; from: string; to: string } }) {
  const t = await getTranslations("analytics.bot.filters");
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("apply")}>
      <div className="grid gap-1.5">
        <Label htmlFor="bot-flow">{t("flow")}</Label>
        <select id="bot-flow" name="flowId" defaultValue={values.flowId ?? ""} className={selectClass}>
          <option value="">{t("allFlows")}</option>
          {options.flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="bot-channel">{t("channel")}</Label>
        <select id="bot-channel" name="channelId" defaultValue={values.channelId ?? ""} className={selectClass}>
          <option value="">{t("allChannels")}</option>
          {options.channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="bot-from">{t("from")}</Label>
        <Input id="bot-from" name="from" type="date" defaultValue={values.from} className="w-40" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="bot-to">{t("to")}</Label>
        <Input id="bot-to" name="to" type="date" defaultValue={values.to} className="w-40" />
      </div>
      <Button type="submit" variant="secondary">
        {t("apply")}
      </Button>
    </form>
  );
}

import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/shell/coming-soon";
import { requireAnalyticsSection } from "@/lib/analytics/page-guard";

export default async function AnalyticsBotPage() {
  await requireAnalyticsSection("bot");
  const t = await getTranslations("analytics");
  return <ComingSoon text={t("placeholder")} />;
}

import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/shell/coming-soon";
import { requireAnalyticsSection } from "@/lib/analytics/page-guard";

export default async function AnalyticsDeskPage() {
  await requireAnalyticsSection("desk");
  const t = await getTranslations("analytics");
  return <ComingSoon text={t("placeholder")} />;
}

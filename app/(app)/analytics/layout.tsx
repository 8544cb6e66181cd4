import { getTranslations } from "next-intl/server";
import { AnalyticsNav } from "@/components/analytics/analytics-nav";
import { PageHeader } from "@/components/shell/page-header";
import { sectionsFor } from "@/lib/analytics/sections";
import { requirePageRole } from "@/lib/auth/guard";

export default async function AnalyticsLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageRole("analytics");
  const t = await getTranslations("analytics");
  const sections = sectionsFor(actor.role).map(({ key, href }) => ({ key, href }));
  return (
    <>
      <PageHeader title={t("title")} />
      <AnalyticsNav sections={sections} />
      <div className="p-6">{children}</div>
    </>
  );
}

import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";

export default async function AnalyticsPage() {
  await requirePageRole("analytics");
  const t = await getTranslations("analytics");
  return (
    <>
      <PageHeader title={t("title")} />
      <ComingSoon text={t("placeholder")} />
    </>
  );
}

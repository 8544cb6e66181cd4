import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";

export default async function Page() {
  await requirePageRole("flows");
  const t = await getTranslations("nav");
  const tc = await getTranslations("common");
  return (
    <>
      <PageHeader title={t("flows")} />
      <ComingSoon text={tc("comingSoon")} />
    </>
  );
}

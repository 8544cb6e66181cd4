import { getTranslations } from "next-intl/server";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";

export default async function Page() {
  await requirePageRole("desk");
  const t = await getTranslations("nav");
  const tc = await getTranslations("common");
  return (
    <>
      <PageHeader title={t("desk")} />
      <ComingSoon text={tc("comingSoon")} />
    </>
  );
}

import { getTranslations } from "next-intl/server";
import { CampaignsList } from "@/components/campaigns/campaigns-list";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listCampaigns } from "@/lib/contacts/campaigns/queries";
import { getDb } from "@/lib/db";

export default async function CampaignsPage() {
  await requirePageRole("settings");
  const t = await getTranslations("campaigns");
  const campaigns = await listCampaigns(await getDb());
  return (
    <>
      <PageHeader title={t("title")} />
      <div className="p-6">
        <CampaignsList initial={campaigns} />
      </div>
    </>
  );
}

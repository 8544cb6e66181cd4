import { redirect } from "next/navigation";
import { CampaignProgress } from "@/components/campaigns/campaign-progress";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { getCampaign, listRecipients } from "@/lib/contacts/campaigns/queries";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors/app-error";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("settings");
  const { id } = await params;
  // Like the flow editor: an unknown campaign leads back to the list.
  if (!UUID.test(id)) redirect("/campaigns");
  const db = await getDb();
  const campaign = await getCampaign(db, id).catch((error) => {
    if (isAppError(error) && error.status === 404) return null;
    throw error;
  });
  if (!campaign) redirect("/campaigns");
  const { recipients } = await listRecipients(db, id, { after: 0, limit: 100 });
  return (
    <>
      <PageHeader title={campaign.name} />
      <div className="p-6">
        <CampaignProgress initial={campaign} initialRecipients={recipients} />
      </div>
    </>
  );
}

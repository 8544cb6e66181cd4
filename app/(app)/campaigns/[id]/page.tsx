import { notFound } from "next/navigation";
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
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  try {
    const campaign = await getCampaign(db, id);
    const { recipients } = await listRecipients(db, id, { after: 0, limit: 100 });
    return (
      <>
        <PageHeader title={campaign.name} />
        <div className="p-6">
          <CampaignProgress initial={campaign} initialRecipients={recipients} />
        </div>
      </>
    );
  } catch (error) {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  }
}

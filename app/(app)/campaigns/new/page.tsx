import { getTranslations } from "next-intl/server";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listChannels } from "@/lib/channels/admin";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";
import { getDb } from "@/lib/db";
import { listQueuesWithMembers } from "@/lib/desk/admin/queues";
import { workspaceHours } from "@/lib/desk/hours";
import { listFlows } from "@/lib/flows/queries";

export default async function NewCampaignPage() {
  await requirePageRole("settings");
  const t = await getTranslations("campaigns");
  const db = await getDb();
  const [channels, templates, flows, queues, hours] = await Promise.all([
    listChannels(db),
    listTemplates(db, { approvedOnly: true }),
    listFlows(db),
    listQueuesWithMembers(db),
    workspaceHours(db),
  ]);
  return (
    <>
      <PageHeader title={t("new")} description={t("description")} />
      <div className="p-6">
        <CampaignForm
          options={{
            channels: channels.map((c) => ({ id: c.id, name: c.name, displayNumber: c.displayNumber })),
            templates: templates.map(templateSummary),
            flows: flows.filter((f) => f.activeVersion).map((f) => ({ id: f.id, name: f.name })),
            queues: queues.map((q) => ({ id: q.id, name: q.name })),
            timeZone: hours.timeZone,
          }}
        />
      </div>
    </>
  );
}

import { getTranslations } from "next-intl/server";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listChannels } from "@/lib/channels/admin";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";
import { getDb } from "@/lib/db";
import { workspaceHours } from "@/lib/desk/hours";
import { listFlows } from "@/lib/flows/queries";
import { listQueues } from "@/lib/users/queries";

export default async function NewCampaignPage() {
  await requirePageRole("settings");
  const t = await getTranslations("campaigns");
  const db = await getDb();
  const [channels, templates, hours, flows, queues] = await Promise.all([
    listChannels(db),
    listTemplates(db, { approvedOnly: true }),
    workspaceHours(db),
    listFlows(db),
    listQueues(db),
  ]);
  return (
    <>
      <PageHeader title={t("new")} description={t("description")} />
      <div className="p-6">
        <CampaignForm
          options={{
            channels: channels.map((c) => ({ id: c.id, name: c.name, displayNumber: c.displayNumber })),
            templates: templates.map(templateSummary),
            timeZone: hours.timeZone,
            // A reply can start only a published flow.
            flows: flows.filter((f) => f.activeVersion).map((f) => ({ id: f.id, name: f.name })),
            queues: queues.map((q) => ({ id: q.id, name: q.name })),
          }}
        />
      </div>
    </>
  );
}

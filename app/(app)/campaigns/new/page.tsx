import { getTranslations } from "next-intl/server";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageRole } from "@/lib/auth/guard";
import { listChannels } from "@/lib/channels/admin";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";
import { getDb } from "@/lib/db";
import { workspaceHours } from "@/lib/desk/hours";

export default async function NewCampaignPage() {
  await requirePageRole("settings");
  const t = await getTranslations("campaigns");
  const db = await getDb();
  const [channels, templates, hours] = await Promise.all([listChannels(db), listTemplates(db, { approvedOnly: true }), workspaceHours(db)]);
  return (
    <>
      <PageHeader title={t("new")} description={t("description")} />
      <div className="p-6">
        <CampaignForm
          options={{
            channels: channels.map((c) => ({ id: c.id, name: c.name, displayNumber: c.displayNumber })),
            templates: templates.map(templateSummary),
            timeZone: hours.timeZone,
          }}
        />
      </div>
    </>
  );
}

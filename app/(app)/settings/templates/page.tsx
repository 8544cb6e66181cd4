import { TemplatesManager } from "@/components/settings/templates/templates-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";

export default async function TemplatesSettingsPage() {
  await requirePageRole("settings");
  const rows = await listTemplates(await getDb());
  return <TemplatesManager initialTemplates={rows.map(templateSummary)} />;
}

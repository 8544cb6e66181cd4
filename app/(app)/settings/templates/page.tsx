import { TemplatesManager } from "@/components/settings/templates/templates-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { listChannels } from "@/lib/channels/admin";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";
import { getDb } from "@/lib/db";

export default async function TemplatesSettingsPage() {
  await requirePageRole("settings");
  const db = await getDb();
  const [channels, rows] = await Promise.all([listChannels(db), listTemplates(db)]);
  return (
    <TemplatesManager
      channels={channels.map((c) => ({ id: c.id, name: c.name, displayNumber: c.displayNumber, wabaId: c.wabaId, sandbox: c.sandbox }))}
      initialTemplates={rows.map(templateSummary)}
    />
  );
}

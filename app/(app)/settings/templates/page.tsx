import { SnippetsManager } from "@/components/desk/settings/snippets-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listTemplates } from "@/lib/desk/admin/templates";

export default async function TemplatesSettingsPage() {
  await requirePageRole("settings");
  const rows = await listTemplates(await getDb());
  return <SnippetsManager kind="templates" initialRows={rows.map((r) => ({ id: r.id, name: r.name, language: r.language, bodyText: r.bodyText, parameterCount: r.parameterCount }))} />;
}

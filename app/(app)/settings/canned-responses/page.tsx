import { SnippetsManager } from "@/components/desk/settings/snippets-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listCanned } from "@/lib/desk/admin/canned";

export default async function CannedSettingsPage() {
  await requirePageRole("settings");
  const rows = await listCanned(await getDb());
  return <SnippetsManager kind="canned" initialRows={rows.map((r) => ({ id: r.id, shortcut: r.shortcut, text: r.text }))} />;
}

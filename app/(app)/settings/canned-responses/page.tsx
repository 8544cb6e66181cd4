import { CannedManager } from "@/components/desk/settings/canned-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listCanned } from "@/lib/desk/admin/canned";

export default async function CannedSettingsPage() {
  await requirePageRole("settings");
  const rows = await listCanned(await getDb());
  return <CannedManager initialRows={rows.map((r) => ({ id: r.id, shortcut: r.shortcut, text: r.text }))} />;
}

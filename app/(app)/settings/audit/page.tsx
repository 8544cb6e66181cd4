import { AuditLog } from "@/components/desk/settings/audit-log";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listAudit } from "@/lib/desk/admin/audit";

export default async function AuditSettingsPage() {
  await requirePageRole("settings");
  const rows = await listAudit(await getDb(), { limit: 100 });
  return <AuditLog initialRows={rows} />;
}

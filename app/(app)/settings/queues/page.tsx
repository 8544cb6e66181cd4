import { QueuesManager } from "@/components/desk/settings/queues-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listDeskUsers, listQueuesWithMembers } from "@/lib/desk/admin/queues";
import { workspaceCsatDefaults } from "@/lib/csat/defaults";

export default async function QueuesSettingsPage() {
  await requirePageRole("settings");
  const db = await getDb();
  const [queues, users, csatDefaults] = await Promise.all([listQueuesWithMembers(db), listDeskUsers(db), workspaceCsatDefaults(db)]);
  return (
    <QueuesManager
      initialQueues={queues}
      users={users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, capacity: u.capacity }))}
      csatDefaults={csatDefaults}
    />
  );
}

import { QueuesManager } from "@/components/desk/settings/queues-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listDeskUsers, listQueuesWithMembers } from "@/lib/desk/admin/queues";

export default async function QueuesSettingsPage() {
  await requirePageRole("settings");
  const db = await getDb();
  const [queues, users] = await Promise.all([listQueuesWithMembers(db), listDeskUsers(db)]);
  return <QueuesManager initialQueues={queues} users={users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, capacity: u.capacity }))} />;
}

import { UsersManager } from "@/components/settings/users-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listQueues, listUsers } from "@/lib/users/queries";

export default async function UsersSettingsPage() {
  await requirePageRole("settings");
  const db = await getDb();
  const [users, queues] = await Promise.all([listUsers(db), listQueues(db)]);
  return (
    <UsersManager
      initialUsers={users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, disabled: u.disabled, capacity: u.capacity, queueIds: u.queueIds }))}
      queues={queues.map((q) => ({ id: q.id, name: q.name }))}
    />
  );
}

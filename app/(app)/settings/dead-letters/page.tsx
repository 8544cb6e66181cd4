import { DeadLettersManager } from "@/components/settings/dead-letters-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { listDeadLetters } from "@/lib/runtime/dead-letters";

export default async function DeadLettersPage() {
  await requirePageRole("settings");
  const rows = await listDeadLetters(await getDb());
  return (
    <DeadLettersManager
      initialRows={rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString(), failedAt: r.failedAt.toISOString() }))}
    />
  );
}

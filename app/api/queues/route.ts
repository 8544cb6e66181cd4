import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { listQueues } from "@/lib/users/queries";

/** Queue picker data (handoff nodes refer to queues by slug). */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor", "agent"], request);
    const queues = await listQueues(await getDb());
    return Response.json({ queues: queues.map(({ id, slug, name, isDefault }) => ({ id, slug, name, isDefault })) });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { listQueuesWithMembers } from "@/lib/desk/admin/queues";
import { deskContext } from "@/lib/desk/guard";

/** Queues with their members and presence: where a conversation can be transferred. */
export async function GET(request: Request) {
  return handle(async () => {
    const { db } = await deskContext(await requireRole(["admin", "agent"], request));
    const queues = await listQueuesWithMembers(db);
    return Response.json({
      queues: queues.map((q) => ({ id: q.id, slug: q.slug, name: q.name, members: q.members.map((m) => ({ id: m.id, name: m.name, presence: m.presence })) })),
    });
  });
}

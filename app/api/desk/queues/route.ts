import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { createQueue, listQueuesWithMembers } from "@/lib/desk/admin/queues";
import { queueCreateSchema } from "@/lib/desk/schemas";

/** Queue administration: members, capacity, assignment mode (admins). */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    return Response.json({ queues: await listQueuesWithMembers(await getDb()) });
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(queueCreateSchema, await readJson(request));
    return Response.json({ queue: await createQueue(await getDb(), input, actor.userId) }, { status: 201 });
  });
}

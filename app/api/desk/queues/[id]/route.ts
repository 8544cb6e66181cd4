import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { deleteQueue, updateQueue } from "@/lib/desk/admin/queues";
import { queueUpdateSchema } from "@/lib/desk/schemas";

const paramsSchema = z.object({ id: z.uuid() });

export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    const input = parseInput(queueUpdateSchema, await readJson(request));
    return Response.json({ queue: await updateQueue(await getDb(), id, input, actor.userId) });
  });
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    await deleteQueue(await getDb(), id, actor.userId);
    return new Response(null, { status: 204 });
  });
}

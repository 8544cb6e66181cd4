import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { updateUser } from "@/lib/users/queries";
import { updateUserSchema } from "@/lib/users/schemas";

const paramsSchema = z.object({ id: z.uuid() });

export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    const input = parseInput(updateUserSchema, await readJson(request));
    return Response.json({ user: await updateUser(await getDb(), id, input, actor.userId) });
  });
}

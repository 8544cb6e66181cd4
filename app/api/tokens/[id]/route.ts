import { z } from "zod";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput } from "@/lib/errors/parse";

const paramsSchema = z.object({ id: z.uuid() });

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    await revokeApiToken(await getDb(), id, actor.userId);
    return new Response(null, { status: 204 });
  });
}

import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { deleteTag, renameTag } from "@/lib/contacts/tags";
import { tagSchema } from "@/lib/contacts/schemas";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

const paramsSchema = z.object({ id: z.uuid() });

export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    const input = parseInput(tagSchema, await readJson(request));
    return Response.json({ tag: await renameTag(await getDb(), id, input, actor.userId) });
  });
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    await deleteTag(await getDb(), id, actor.userId);
    return new Response(null, { status: 204 });
  });
}

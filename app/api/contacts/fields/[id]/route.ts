import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { deleteField, updateField } from "@/lib/contacts/fields";
import { fieldUpdateSchema } from "@/lib/contacts/schemas";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

const paramsSchema = z.object({ id: z.uuid() });

export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    const input = parseInput(fieldUpdateSchema, await readJson(request));
    return Response.json({ field: await updateField(await getDb(), id, input, actor.userId) });
  });
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    await deleteField(await getDb(), id, actor.userId);
    return new Response(null, { status: 204 });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { createField, listFields } from "@/lib/contacts/fields";
import { fieldCreateSchema } from "@/lib/contacts/schemas";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** The workspace's contact fields: everybody who edits flows or contacts needs them; admins define them. */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor", "agent"], request);
    return Response.json({ fields: await listFields(await getDb()) });
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(fieldCreateSchema, await readJson(request));
    return Response.json({ field: await createField(await getDb(), input, actor.userId) }, { status: 201 });
  });
}

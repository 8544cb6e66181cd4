import { requireRole } from "@/lib/auth/guard";
import { createTag, listTags } from "@/lib/contacts/tags";
import { tagSchema } from "@/lib/contacts/schemas";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** Agents assign tags to contacts; admins create, rename and delete them. */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "agent"], request);
    return Response.json({ tags: await listTags(await getDb()) });
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(tagSchema, await readJson(request));
    return Response.json({ tag: await createTag(await getDb(), input, actor.userId) }, { status: 201 });
  });
}

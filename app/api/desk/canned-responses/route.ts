import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { createCanned, listCanned } from "@/lib/desk/admin/canned";
import { cannedSchema } from "@/lib/desk/schemas";

export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "agent"], request);
    return Response.json({ cannedResponses: await listCanned(await getDb()) });
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(cannedSchema, await readJson(request));
    return Response.json({ cannedResponse: await createCanned(await getDb(), input, actor.userId) }, { status: 201 });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { createTemplate, listTemplates } from "@/lib/desk/admin/templates";
import { templateSchema } from "@/lib/desk/schemas";

export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "agent"], request);
    return Response.json({ templates: await listTemplates(await getDb()) });
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(templateSchema, await readJson(request));
    return Response.json({ template: await createTemplate(await getDb(), input, actor.userId) }, { status: 201 });
  });
}

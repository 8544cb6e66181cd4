import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { requestLocale } from "@/lib/flows/locale";
import { flowIdParamsSchema, publishFlowSchema } from "@/lib/flows/schemas";
import { publishFlow } from "@/lib/flows/versions";

/** Lint errors: 422 with the report in `details.lint`, and no version is created. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const input = parseInput(publishFlowSchema, await readJson(request));
    const result = await publishFlow(await getDb(), id, input, actor.userId, requestLocale(request));
    return Response.json(result, { status: result.unchanged ? 200 : 201 });
  });
}

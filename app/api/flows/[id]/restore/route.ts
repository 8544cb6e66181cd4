import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { flowIdParamsSchema, restoreFlowSchema } from "@/lib/flows/schemas";
import { restoreVersion } from "@/lib/flows/versions";

/** `{version, revision?}`: copies the version into the draft and answers the new draft revision. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const input = parseInput(restoreFlowSchema, await readJson(request));
    return Response.json(await restoreVersion(await getDb(), id, input, actor.userId));
  });
}

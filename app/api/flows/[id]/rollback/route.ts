import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { flowIdParamsSchema, rollbackFlowSchema } from "@/lib/flows/schemas";
import { rollbackFlow } from "@/lib/flows/versions";

/** `{version}`: makes an existing version the active one; no version is created. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const { version } = parseInput(rollbackFlowSchema, await readJson(request));
    return Response.json({ activeVersion: await rollbackFlow(await getDb(), id, version, actor.userId) });
  });
}

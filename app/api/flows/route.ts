import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { createFlow, listFlows } from "@/lib/flows/queries";
import { createFlowSchema } from "@/lib/flows/schemas";

export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(AREA_ROLES.flows, request);
    return Response.json({ flows: await listFlows(await getDb()) });
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request);
    const input = parseInput(createFlowSchema, await readJson(request));
    return Response.json({ flow: await createFlow(await getDb(), input, actor.userId) }, { status: 201 });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { deleteFlow, getFlow, renameFlow, saveDraft } from "@/lib/flows/queries";
import { flowIdParamsSchema, renameFlowSchema, saveDraftSchema } from "@/lib/flows/schemas";

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  return handle(async () => {
    await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    return Response.json({ flow: await getFlow(await getDb(), id) });
  });
}

/** Saves the draft: `{document, revision, name?}`; a stale revision is a 409 and nothing is written. */
export async function PUT(request: Request, { params }: Params) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const input = parseInput(saveDraftSchema, await readJson(request));
    return Response.json(await saveDraft(await getDb(), id, input, actor.userId));
  });
}

export async function PATCH(request: Request, { params }: Params) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const { name } = parseInput(renameFlowSchema, await readJson(request));
    return Response.json({ flow: await renameFlow(await getDb(), id, name, actor.userId) });
  });
}

export async function DELETE(request: Request, { params }: Params) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    await deleteFlow(await getDb(), id, actor.userId);
    return new Response(null, { status: 204 });
  });
}

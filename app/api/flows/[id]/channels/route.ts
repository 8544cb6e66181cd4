import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { setFlowChannelsSchema } from "@/lib/channels/flow-binding-types";
import { listFlowChannelChoices, setFlowChannels } from "@/lib/channels/flow-bindings";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { getFlowRow } from "@/lib/flows/queries";
import { flowIdParamsSchema } from "@/lib/flows/schemas";

type Params = { params: Promise<{ id: string }> };

/**
 * Which numbers answer with this flow, for the editor's publish dialog: editors and admins,
 * names and numbers only (credentials stay in the admins' channel settings).
 */
export async function GET(request: Request, { params }: Params) {
  return handle(async () => {
    await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const db = await getDb();
    await getFlowRow(db, id);
    return Response.json({ channels: await listFlowChannelChoices(db) });
  });
}

/** `{channelIds}`: exactly these numbers answer with the (published) flow. */
export async function PUT(request: Request, { params }: Params) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const { channelIds } = parseInput(setFlowChannelsSchema, await readJson(request));
    return Response.json({ channels: await setFlowChannels(await getDb(), id, channelIds, actor.userId) });
  });
}

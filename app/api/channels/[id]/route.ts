import { requireRole } from "@/lib/auth/guard";
import { getChannel, updateChannel } from "@/lib/channels/admin";
import { channelIdParamsSchema, updateChannelSchema } from "@/lib/channels/schemas";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params) {
  return handle(async () => {
    await requireRole(["admin", "editor"], request);
    const { id } = parseInput(channelIdParamsSchema, await params);
    return Response.json({ channel: await getChannel(await getDb(), id) });
  });
}

/**
 * `{flowId}` binds a published flow (admin or editor); credentials and settings are
 * admin-only. Secrets are write-only: absent or blank keeps the stored value.
 */
export async function PUT(request: Request, { params }: Params) {
  return handle(async () => {
    const actor = await requireRole(["admin", "editor"], request);
    const { id } = parseInput(channelIdParamsSchema, await params);
    const input = parseInput(updateChannelSchema, await readJson(request));
    return Response.json({ channel: await updateChannel(await getDb(), id, input, actor) });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { channelIdParamsSchema } from "@/lib/channels/schemas";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";
import { syncChannelTemplates } from "@/lib/contacts/template-store/sync";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput } from "@/lib/errors/parse";

type Params = { params: Promise<{ id: string }> };

/** Reads every template of the channel's WhatsApp Business Account from Meta and stores them. */
export async function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(channelIdParamsSchema, await params);
    const db = await getDb();
    const result = await syncChannelTemplates(db, id, actor.userId);
    const rows = await listTemplates(db, { channelId: id });
    return Response.json({ result, templates: rows.map(templateSummary) });
  });
}

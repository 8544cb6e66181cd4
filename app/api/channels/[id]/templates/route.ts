import { requireRole } from "@/lib/auth/guard";
import { channelIdParamsSchema } from "@/lib/channels/schemas";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";
import { submitTemplate } from "@/lib/contacts/template-store/submit";
import { templateDraftSchema } from "@/lib/contacts/templates/draft";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";

type Params = { params: Promise<{ id: string }> };

/** The channel's templates, every status (those Meta no longer lists are left out). */
export async function GET(request: Request, { params }: Params) {
  return handle(async () => {
    await requireRole(["admin"], request);
    const { id } = parseInput(channelIdParamsSchema, await params);
    const rows = await listTemplates(await getDb(), { channelId: id });
    return Response.json({ templates: rows.map(templateSummary) });
  });
}

/** Submits a new template to the channel's WhatsApp Business Account for Meta's review. */
export async function POST(request: Request, { params }: Params) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(channelIdParamsSchema, await params);
    const draft = parseInput(templateDraftSchema, await readJson(request));
    const row = await submitTemplate(await getDb(), id, draft, actor.userId);
    return Response.json({ template: templateSummary(row) }, { status: 201 });
  });
}

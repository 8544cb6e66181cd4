import { requireRole } from "@/lib/auth/guard";
import { createCampaign, getCampaign, listCampaigns } from "@/lib/contacts/campaigns/queries";
import { campaignsQuerySchema, createCampaignSchema } from "@/lib/contacts/campaigns/schemas";
import { getDb } from "@/lib/db";
import { parseInput, queryOf, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** Campaigns, newest first, with their totals: `?status=running`. */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    const { status } = parseInput(campaignsQuerySchema, queryOf(request));
    return Response.json({ campaigns: await listCampaigns(await getDb(), status) });
  });
}

/** Creates a campaign (checked like the preview; any bad row is a 422 unless `skipInvalid`). */
export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(createCampaignSchema, await readJson(request));
    const db = await getDb();
    const created = await createCampaign(db, input, actor.userId);
    return Response.json({ campaign: await getCampaign(db, created.id), leftOut: created.leftOut }, { status: 201 });
  });
}

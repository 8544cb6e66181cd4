import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { getCampaign } from "@/lib/contacts/campaigns/queries";
import { campaignAction } from "@/lib/contacts/campaigns/state";
import { getDb } from "@/lib/db";
import { parseInput } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

const paramsSchema = z.object({ id: z.uuid() });

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    const db = await getDb();
    await campaignAction(db, id, "pause", actor.userId);
    return Response.json({ campaign: await getCampaign(db, id) });
  });
}

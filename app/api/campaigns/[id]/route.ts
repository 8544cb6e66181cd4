import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { getCampaign } from "@/lib/contacts/campaigns/queries";
import { getDb } from "@/lib/db";
import { parseInput } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

const paramsSchema = z.object({ id: z.uuid() });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    return Response.json({ campaign: await getCampaign(await getDb(), id) });
  });
}

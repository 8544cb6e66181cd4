import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { parseInput } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";
import { getCampaign } from "./queries";
import { changeCampaignStatus } from "./state";

const paramsSchema = z.object({ id: z.uuid() });

/** POST /api/campaigns/{id}/pause | resume | cancel: the one handler of the three routes. */
export function campaignActionRoute(action: "pause" | "resume" | "cancel") {
  return async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    return handle(async () => {
      const actor = await requireRole(["admin"], request);
      const { id } = parseInput(paramsSchema, await params);
      const db = await getDb();
      const status = await changeCampaignStatus(db, id, action);
      await recordAudit(db, { actorId: actor.userId, action: `campaign.${action}`, entityType: "campaign", entityId: id, details: { status } });
      return Response.json({ campaign: await getCampaign(db, id) });
    });
  };
}

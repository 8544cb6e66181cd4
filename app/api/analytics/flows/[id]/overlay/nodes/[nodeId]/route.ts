import { flowIdOrNotFound } from "@/lib/analytics/bot/flow-id";
import { nodeQuerySchema, parseAnalyticsQuery } from "@/lib/analytics/bot/params";
import { nodeAnalytics } from "@/lib/analytics/bot/service";
import { requireRole } from "@/lib/auth/guard";
import { canReadTranscripts } from "@/lib/analytics/bot/transcripts";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { queryOf } from "@/lib/errors/parse";

/** A node of the overlay: the few recent conversations whose bot part ended there. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; nodeId: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin", "editor"], request);
    const { id, nodeId } = await params;
    const query = parseAnalyticsQuery(nodeQuerySchema, queryOf(request));
    const detail = await nodeAnalytics(await getDb(), flowIdOrNotFound(id), decodeURIComponent(nodeId), query);
    return Response.json({ ...detail, canReadTranscripts: canReadTranscripts(actor.role) });
  });
}

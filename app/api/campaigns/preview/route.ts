import { requireRole } from "@/lib/auth/guard";
import { checkAudience, previewResponse } from "@/lib/contacts/campaigns/queries";
import { campaignPreviewSchema } from "@/lib/contacts/campaigns/schemas";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** Checks an audience (CSV or tag) against a template and mapping: each row's errors, the counts. Stores nothing. */
export async function POST(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    const input = parseInput(campaignPreviewSchema, await readJson(request));
    return Response.json(previewResponse(await checkAudience(await getDb(), input)));
  });
}

import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput } from "@/lib/errors/parse";
import { diffFlowDocuments } from "@/lib/flows/diff";
import { diffQuerySchema, flowIdParamsSchema } from "@/lib/flows/schemas";

/** `?from=&to=`: version numbers, `active` or `draft` (defaults: from=active, to=draft). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const search = new URL(request.url).searchParams;
    const { from, to } = parseInput(diffQuerySchema, {
      from: search.get("from") || undefined,
      to: search.get("to") || undefined,
    });
    return Response.json(await diffFlowDocuments(await getDb(), id, from, to));
  });
}

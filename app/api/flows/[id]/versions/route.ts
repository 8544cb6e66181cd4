import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput } from "@/lib/errors/parse";
import { flowIdParamsSchema } from "@/lib/flows/schemas";
import { listVersions } from "@/lib/flows/versions";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    return Response.json({ versions: await listVersions(await getDb(), id) });
  });
}

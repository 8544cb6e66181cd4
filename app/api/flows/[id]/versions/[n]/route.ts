import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput } from "@/lib/errors/parse";
import { versionParamsSchema } from "@/lib/flows/schemas";
import { getVersion } from "@/lib/flows/versions";

export async function GET(request: Request, { params }: { params: Promise<{ id: string; n: string }> }) {
  return handle(async () => {
    await requireRole(AREA_ROLES.flows, request);
    const { id, n } = parseInput(versionParamsSchema, await params);
    return Response.json({ version: await getVersion(await getDb(), id, n) });
  });
}

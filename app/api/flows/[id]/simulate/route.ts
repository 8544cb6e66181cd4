import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { flowIdParamsSchema, simulateFlowSchema } from "@/lib/flows/schemas";
import { simulateFlow } from "@/lib/flows/simulate";

/** Runs the engine over the draft (or a version) for a scripted list of customer inputs. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const input = parseInput(simulateFlowSchema, await readJson(request));
    return Response.json(await simulateFlow(await getDb(), id, input));
  });
}

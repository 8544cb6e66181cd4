import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { requestLocale } from "@/lib/flows/locale";
import { duplicateFlow } from "@/lib/flows/queries";
import { duplicateFlowSchema, flowIdParamsSchema } from "@/lib/flows/schemas";

const COPY_SUFFIX = { es: "(copia)", pt: "(cópia)", en: "(copy)" } as const;

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request);
    const { id } = parseInput(flowIdParamsSchema, await params);
    const { name } = parseInput(duplicateFlowSchema, await readJson(request));
    const flow = await duplicateFlow(await getDb(), id, name, actor.userId, COPY_SUFFIX[requestLocale(request)]);
    return Response.json({ flow }, { status: 201 });
  });
}

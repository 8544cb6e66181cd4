import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { listRecipients } from "@/lib/contacts/campaigns/queries";
import { recipientsQuerySchema } from "@/lib/contacts/campaigns/schemas";
import { getDb } from "@/lib/db";
import { parseInput, queryOf } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

const paramsSchema = z.object({ id: z.uuid() });

/** Recipients with their status and reason, a page at a time: `?status=failed&after=<last id>&limit=100`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    const query = parseInput(recipientsQuerySchema, queryOf(request));
    return Response.json(await listRecipients(await getDb(), id, query));
  });
}

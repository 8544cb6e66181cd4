import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput } from "@/lib/errors/parse";
import { retryDeadLetter } from "@/lib/runtime/dead-letters";

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const { id } = parseInput(paramsSchema, await params);
    const db = await getDb();
    await retryDeadLetter(db, id);
    await recordAudit(db, { actorId: actor.userId, action: "dead_letter.retry", entityType: "inbox", entityId: String(id) });
    return Response.json({ ok: true });
  });
}

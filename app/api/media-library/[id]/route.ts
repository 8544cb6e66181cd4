import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { parseInput } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";
import { removeFromLibrary } from "@/lib/media/library/remove";

const paramsSchema = z.object({ id: z.uuid() });

/** Removes an item from the library: 409 naming the flows that still use it. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin", "editor"], request);
    const { id } = parseInput(paramsSchema, await params);
    const db = await getDb();
    await removeFromLibrary(db, id);
    await recordAudit(db, { actorId: actor.userId, action: "media_library.remove", entityType: "media_library", entityId: id });
    return new Response(null, { status: 204 });
  });
}

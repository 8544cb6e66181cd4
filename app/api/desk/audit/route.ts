import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput } from "@/lib/errors/parse";
import { listAudit } from "@/lib/desk/admin/audit";
import { auditQuerySchema } from "@/lib/desk/schemas";

/** The audit log, newest first (admins): `?action=conversation.&before=<id>&limit=100`. */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    const query = parseInput(auditQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
    return Response.json({ entries: await listAudit(await getDb(), query) });
  });
}

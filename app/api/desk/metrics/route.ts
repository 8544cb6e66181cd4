import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { deskMetrics } from "@/lib/desk/metrics";

/** Supervisor figures per queue and agent (admins). */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    return Response.json({ metrics: await deskMetrics(await getDb()) });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { hoursStatus } from "@/lib/desk/hours";
import { deskContext } from "@/lib/desk/guard";

/** Whether the business is open now and, if not, when it opens. */
export async function GET(request: Request) {
  return handle(async () => {
    const { db } = await deskContext(await requireRole(["admin", "agent"], request));
    return Response.json({ hours: await hoursStatus(db) });
  });
}

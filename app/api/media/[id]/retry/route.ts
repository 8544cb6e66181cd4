import { requireRole } from "@/lib/auth/guard";
import { deskContext } from "@/lib/desk/guard";
import { handle } from "@/lib/errors/respond";
import { retryMedia } from "@/lib/media/retry";

/** Queues a failed download again. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    return Response.json({ media: await retryMedia(db, scope, (await params).id) });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { markRead } from "@/lib/desk/read";
import { conversationId, deskContext } from "@/lib/desk/guard";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    await markRead(db, scope, conversationId(await params));
    return Response.json({ ok: true });
  });
}

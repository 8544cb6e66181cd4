import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { getConversationDetail } from "@/lib/desk/queries";
import { conversationId, deskContext } from "@/lib/desk/guard";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    return Response.json({ conversation: await getConversationDetail(db, scope, conversationId(await params)) });
  });
}

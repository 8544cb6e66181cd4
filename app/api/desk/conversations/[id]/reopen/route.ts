import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { reopenConversation } from "@/lib/desk/resolve";
import { conversationId, deskContext } from "@/lib/desk/guard";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const row = await reopenConversation(db, scope, conversationId(await params));
    return Response.json({ conversation: { id: row.id, protocol: row.protocol, status: row.status, assigneeId: row.assigneeId } });
  });
}

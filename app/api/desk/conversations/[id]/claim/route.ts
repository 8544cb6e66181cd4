import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { claimConversation } from "@/lib/desk/claim";
import { conversationId, deskContext } from "@/lib/desk/guard";

/** Atomic claim: 200 for the one agent who gets it, 409 "already taken" for everyone else. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const row = await claimConversation(db, scope, conversationId(await params));
    return Response.json({ conversation: { id: row.id, protocol: row.protocol, status: row.status, assigneeId: row.assigneeId } });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { readJson } from "@/lib/errors/parse";
import { transferConversation } from "@/lib/desk/transfer";
import { transferSchema } from "@/lib/desk/schemas";
import { conversationId, parseInput, deskContext } from "@/lib/desk/guard";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const id = conversationId(await params);
    const input = parseInput(transferSchema, await readJson(request));
    const row = await transferConversation(db, scope, id, input);
    return Response.json({ conversation: { id: row.id, status: row.status, queueId: row.queueId, assigneeId: row.assigneeId } });
  });
}

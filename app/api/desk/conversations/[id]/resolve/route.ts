import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { readJson } from "@/lib/errors/parse";
import { resolveConversation } from "@/lib/desk/resolve";
import { resolveSchema } from "@/lib/desk/schemas";
import { conversationId, parseInput, deskContext } from "@/lib/desk/guard";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const id = conversationId(await params);
    const input = parseInput(resolveSchema, await readJson(request));
    const row = await resolveConversation(db, scope, id, input);
    return Response.json({ conversation: { id: row.id, protocol: row.protocol, status: row.status, closedAt: row.closedAt } });
  });
}

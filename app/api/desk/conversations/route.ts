import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { listConversations } from "@/lib/desk/queries";
import { listConversationsSchema } from "@/lib/desk/schemas";
import { parseInput, queryOf, deskContext } from "@/lib/desk/guard";

/** Conversations the caller works on: `?status=queued,assigned&queue=soporte&assignee=me&limit=100`. */
export async function GET(request: Request) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const filter = parseInput(listConversationsSchema, queryOf(request));
    return Response.json({ conversations: await listConversations(db, scope, filter) });
  });
}

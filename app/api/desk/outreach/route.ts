import { requireRole } from "@/lib/auth/guard";
import { startFromDesk } from "@/lib/contacts/outreach/desk";
import { deskStartSchema } from "@/lib/contacts/outreach/schemas";
import { deskContext, parseInput } from "@/lib/desk/guard";
import { readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** "New conversation": an agent writes first with an approved template (docs/outreach.md). */
export async function POST(request: Request) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const input = parseInput(deskStartSchema, await readJson(request));
    const started = await startFromDesk(db, scope, input);
    return Response.json({ conversation: { id: started.conversationId, protocol: started.protocol }, messageId: started.messageId }, { status: 201 });
  });
}

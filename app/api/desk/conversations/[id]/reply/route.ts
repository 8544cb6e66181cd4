import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { readJson } from "@/lib/errors/parse";
import { sendReply } from "@/lib/desk/reply";
import { normalizeReply, replySchema } from "@/lib/desk/schemas";
import { conversationId, parseInput, deskContext } from "@/lib/desk/guard";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const id = conversationId(await params);
    const input = parseInput(replySchema, normalizeReply(await readJson(request)));
    return Response.json({ message: await sendReply(db, scope, id, input) }, { status: 201 });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { conversationContactOptOut, setConversationContactOptOut } from "@/lib/contacts/opt-out/contact";
import { optOutChangeSchema } from "@/lib/contacts/opt-out/schemas";
import { conversationId, deskContext, parseInput } from "@/lib/desk/guard";
import { readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** The marketing consent of a conversation's customer, for the desk's contact card. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    return Response.json({ optOut: await conversationContactOptOut(db, scope, conversationId(await params)) });
  });
}

export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin", "agent"], request);
    const { db, scope } = await deskContext(actor);
    const id = conversationId(await params);
    const input = parseInput(optOutChangeSchema, await readJson(request));
    return Response.json({ optOut: await setConversationContactOptOut(db, scope, actor, id, input.optedOut) });
  });
}

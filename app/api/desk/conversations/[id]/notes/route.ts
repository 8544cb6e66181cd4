import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { readJson } from "@/lib/errors/parse";
import { addNote } from "@/lib/desk/reply";
import { noteSchema } from "@/lib/desk/schemas";
import { conversationId, parseInput, deskContext } from "@/lib/desk/guard";

/** Internal notes are stored in the transcript for agents and never sent to the customer. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const id = conversationId(await params);
    const input = parseInput(noteSchema, await readJson(request));
    return Response.json({ message: await addNote(db, scope, id, input) }, { status: 201 });
  });
}

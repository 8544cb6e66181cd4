import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { retryMessage } from "@/lib/desk/retry";
import { conversationId, deskContext } from "@/lib/desk/guard";

const messageIdSchema = z.uuid();

export async function POST(request: Request, { params }: { params: Promise<{ id: string; messageId: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const p = await params;
    const messageId = messageIdSchema.safeParse(p.messageId).success ? p.messageId : "00000000-0000-0000-0000-000000000000";
    return Response.json({ message: await retryMessage(db, scope, conversationId(p), messageId) });
  });
}

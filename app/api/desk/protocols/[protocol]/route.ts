import { AppError } from "@/lib/errors/app-error";
import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { getConversationDetail } from "@/lib/desk/queries";
import { findProtocol } from "@/lib/desk/search";
import { deskContext } from "@/lib/desk/guard";

/** Looks up one protocol: the conversation with its transcript. */
export async function GET(request: Request, { params }: { params: Promise<{ protocol: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const { protocol } = await params;
    const id = /^\d{8}-\d{6}$/.test(protocol) ? await findProtocol(db, scope, protocol) : null;
    if (!id) throw new AppError("not_found", "Protocol not found");
    return Response.json({ conversation: await getConversationDetail(db, scope, id) });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";

/** The approved templates agents may send, of every channel (the desk offers a conversation's channel's). */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "agent"], request);
    const rows = await listTemplates(await getDb(), { approvedOnly: true });
    return Response.json({ templates: rows.map(templateSummary) });
  });
}

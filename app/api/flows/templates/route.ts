import { requireRole } from "@/lib/auth/guard";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";

/** The approved templates a flow's `template` step may send (the editor's picker). */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor"], request);
    const rows = await listTemplates(await getDb(), { approvedOnly: true });
    // One entry per name and language: a flow names a template, whichever number sends it.
    const seen = new Set<string>();
    const templates = rows.map(templateSummary).filter((t) => !seen.has(`${t.name}/${t.language}`) && seen.add(`${t.name}/${t.language}`));
    return Response.json({ templates });
  });
}

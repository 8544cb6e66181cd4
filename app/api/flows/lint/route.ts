import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { parseFlowDocument } from "@/lib/flows/document";
import { lintWithQueues } from "@/lib/flows/lint";
import { requestLocale } from "@/lib/flows/locale";
import { lintRequestSchema } from "@/lib/flows/schemas";

/** The publish lint for any document (`{document, locale?}`), against the queues that exist. */
export async function POST(request: Request) {
  return handle(async () => {
    await requireRole(AREA_ROLES.flows, request);
    const input = parseInput(lintRequestSchema, await readJson(request));
    const document = parseFlowDocument(input.document);
    const report = await lintWithQueues(await getDb(), document, input.locale ?? requestLocale(request));
    return Response.json({ ok: report.errors.length === 0, ...report });
  });
}

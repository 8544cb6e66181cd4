import { requireRole } from "@/lib/auth/guard";
import { confirmImport } from "@/lib/contacts/import";
import { importSchema } from "@/lib/contacts/schemas";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** Imports the whole CSV in one transaction; any row with an error refuses the file (422 with the preview). */
export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(importSchema, await readJson(request));
    return Response.json({ imported: await confirmImport(await getDb(), input, actor.userId) });
  });
}

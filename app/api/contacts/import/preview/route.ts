import { requireRole } from "@/lib/auth/guard";
import { previewImport } from "@/lib/contacts/import";
import { importSchema } from "@/lib/contacts/schemas";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** What importing this CSV would do, row by row, with each row's errors; nothing is stored. */
export async function POST(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    const input = parseInput(importSchema, await readJson(request));
    return Response.json({ preview: await previewImport(await getDb(), input) });
  });
}

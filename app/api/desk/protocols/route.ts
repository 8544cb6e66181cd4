import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { searchProtocols } from "@/lib/desk/search";
import { searchSchema } from "@/lib/desk/schemas";
import { parseInput, queryOf, deskContext } from "@/lib/desk/guard";

/** Search by protocol (or its beginning), phone number or contact name: `?q=`. */
export async function GET(request: Request) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const { q, limit } = parseInput(searchSchema, queryOf(request));
    return Response.json({ results: await searchProtocols(db, scope, q, limit) });
  });
}

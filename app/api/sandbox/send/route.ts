import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { sendAsCustomer } from "@/lib/sandbox/customer";
import { sandboxSendSchema } from "@/lib/sandbox/schemas";

/** The simulator plays a customer: a signed webhook to the app's own webhook route. */
export async function POST(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor", "agent"], request);
    const input = parseInput(sandboxSendSchema, await readJson(request));
    return Response.json(await sendAsCustomer(await getDb(), input));
  });
}

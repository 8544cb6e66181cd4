import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { getCustomerMessages, saveCustomerMessages } from "@/lib/desk/admin/customer-messages";
import { customerMessagesSchema } from "@/lib/desk/schemas";

/** The texts the platform itself sends customers (handoff and error notices, outside hours), in the workspace's language. */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    return Response.json({ customerMessages: await getCustomerMessages(await getDb()) });
  });
}

export async function PUT(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(customerMessagesSchema, await readJson(request));
    return Response.json({ customerMessages: await saveCustomerMessages(await getDb(), input, actor.userId) });
  });
}

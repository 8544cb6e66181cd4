import { requireRole } from "@/lib/auth/guard";
import { sendApiMessage } from "@/lib/contacts/outreach/api";
import { apiMessageSchema } from "@/lib/contacts/outreach/schemas";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** A template notification to a phone number, idempotent by `clientKey` (docs/api.md#send-a-template-notification). */
export async function POST(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    const input = parseInput(apiMessageSchema, await readJson(request));
    const { conversationId, protocol, messageId, replayed } = await sendApiMessage(await getDb(), input);
    // A retry gets the first answer again, status included; the header tells it apart.
    return Response.json({ conversationId, protocol, messageId }, { status: 201, headers: replayed ? { "Idempotent-Replayed": "true" } : {} });
  });
}

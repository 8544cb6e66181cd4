import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput } from "@/lib/errors/parse";
import { requireSandboxChannel } from "@/lib/sandbox/channel";
import { getSandboxConversation, listSandboxConversations } from "@/lib/sandbox/conversation";
import { sandboxConversationQuerySchema } from "@/lib/sandbox/schemas";

/**
 * `?phone=` → that simulated customer's chat (`{conversation}`); without it → every simulated
 * customer of the channel, the most recent first (`{conversations}`).
 */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor", "agent"], request);
    const url = new URL(request.url);
    const query = parseInput(sandboxConversationQuerySchema, {
      phone: url.searchParams.get("phone") ?? undefined,
      phoneNumberId: url.searchParams.get("phoneNumberId") ?? undefined,
    });
    const db = await getDb();
    const channel = await requireSandboxChannel(db, query.phoneNumberId);
    if (query.phone) {
      return Response.json({ conversation: await getSandboxConversation(db, channel.phoneNumberId, query.phone) });
    }
    return Response.json({ conversations: await listSandboxConversations(db, channel.phoneNumberId) });
  });
}

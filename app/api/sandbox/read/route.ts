import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { requireSandboxChannel } from "@/lib/sandbox/channel";
import { sandboxReadSchema } from "@/lib/sandbox/schemas";
import { markBusinessMessagesRead } from "@/lib/sandbox/statuses";

/** The simulator displayed a chat: the business's messages are read (reported as `read` statuses). */
export async function POST(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor", "agent"], request);
    const input = parseInput(sandboxReadSchema, await readJson(request));
    const db = await getDb();
    const channel = await requireSandboxChannel(db, input.phoneNumberId);
    return Response.json({ read: await markBusinessMessagesRead(db, channel, input.phone) });
  });
}

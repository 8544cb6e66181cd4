import { requireRole } from "@/lib/auth/guard";
import { listChannels } from "@/lib/channels/admin";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { webhookUrl } from "@/lib/channels/webhook-url";

/** Channels without secrets (editors see them to bind flows). */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor"], request);
    return Response.json({ channels: await listChannels(await getDb()), webhookUrl: webhookUrl(request.headers) });
  });
}

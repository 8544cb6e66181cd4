import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { searchParamsOf } from "@/lib/errors/parse";
import { requireSandboxChannel } from "@/lib/sandbox/channel";
import { sandboxEventStream } from "@/lib/sandbox/live";

export const dynamic = "force-dynamic";

/** Live updates for the simulator (Server-Sent Events); `?phoneNumberId=` picks the sandbox channel. */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor", "agent"], request);
    const phoneNumberId = searchParamsOf(request).get("phoneNumberId") || undefined;
    const channel = await requireSandboxChannel(await getDb(), phoneNumberId);
    const stream = await sandboxEventStream(channel.phoneNumberId, request.signal);
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
    });
  });
}

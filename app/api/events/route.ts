import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { openEventStream, SSE_HEADERS } from "@/lib/realtime/sse";

export const dynamic = "force-dynamic";

/** Live events (Server-Sent Events) for the signed-in user, filtered by what they may see. */
export async function GET(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin", "editor", "agent"], request);
    return new Response(await openEventStream(actor, request.signal), { headers: SSE_HEADERS });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { serveSandboxMedia } from "@/lib/sandbox/serve-media";

/** A sandbox file as the simulator shows it (range requests let audio and video seek). */
export async function GET(request: Request, { params }: { params: Promise<{ mediaId: string }> }) {
  return handle(async () => {
    await requireRole(["admin", "editor", "agent"], request);
    const { mediaId } = await params;
    return serveSandboxMedia(mediaId, request.headers.get("range"));
  });
}

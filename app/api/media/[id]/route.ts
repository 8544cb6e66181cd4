import { requireRole } from "@/lib/auth/guard";
import { deskContext } from "@/lib/desk/guard";
import { handle } from "@/lib/errors/respond";
import { readableMedia } from "@/lib/media/access";
import { serveMedia, servableMedia } from "@/lib/media/serve/serve";

/** A message's file (or `?variant=thumb`), for whoever may read its conversation (docs/media.md). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const row = await readableMedia(db, scope, (await params).id);
    const variant = new URL(request.url).searchParams.get("variant") === "thumb" ? "thumb" : "original";
    return serveMedia(servableMedia(row), variant, request.headers.get("range"));
  });
}

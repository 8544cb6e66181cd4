import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { findLibraryRow } from "@/lib/media/library/queries";
import { serveMedia } from "@/lib/media/serve/serve";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A library file (or `?variant=thumb`) for the people who build flows. Customers' copies of it
 * in transcripts are served as messages' media (/api/media/{id}) under the conversation's rule.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole(["admin", "editor"], request);
    const { id } = await params;
    const row = UUID.test(id) ? await findLibraryRow(await getDb(), id) : null;
    const variant = new URL(request.url).searchParams.get("variant") === "thumb" ? "thumb" : "original";
    const file = row ? { id: row.id, kind: row.kind, storageKey: row.storageKey, thumbnailKey: row.thumbnailKey, mime: row.mime, filename: row.name } : null;
    return serveMedia(file, variant, request.headers.get("range"));
  });
}

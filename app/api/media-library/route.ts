import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { assertStorableText } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";
import { recordAudit } from "@/lib/audit/record";
import { addToLibrary } from "@/lib/media/library/add";
import { listLibrary } from "@/lib/media/library/queries";
import { readUploadForm } from "@/lib/media/upload-form";

/** The media library flows send from (docs/media.md → Media library). */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor"], request);
    return Response.json({ items: await listLibrary(await getDb()) });
  });
}

/**
 * Adds a file: multipart/form-data with `file` and an optional `name`. 201 with the item, or 200
 * with the item that already holds the same bytes.
 */
export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin", "editor"], request, { multipart: true });
    const { file, form } = await readUploadForm(request);
    const name = form.get("name");
    if (name !== null && typeof name !== "string") throw new AppError("bad_request", "`name` is text");
    assertStorableText({ name }, "body");
    const db = await getDb();
    const { item, created } = await addToLibrary(db, actor.userId, { ...file, name });
    if (created) {
      await recordAudit(db, { actorId: actor.userId, action: "media_library.add", entityType: "media_library", entityId: item.id, details: { name: item.name, kind: item.kind, size: item.size } });
    }
    return Response.json({ item, created }, { status: created ? 201 : 200 });
  });
}

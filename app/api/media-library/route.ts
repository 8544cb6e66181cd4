import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { assertStorableText } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";
import { recordAudit } from "@/lib/audit/record";
import { addToLibrary } from "@/lib/media/library/add";
import { listLibrary } from "@/lib/media/library/queries";
import { MAX_UPLOAD_REQUEST_BYTES } from "@/lib/media/upload-check";

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
    if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_REQUEST_BYTES) {
      throw new AppError("payload_too_large", "The file is over WhatsApp's largest limit (100 MB for documents)", { details: { reason: "too_large" } });
    }
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("bad_request", "Send the file as multipart/form-data with a `file` field");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) throw new AppError("bad_request", "The `file` field is missing");
    const name = form.get("name");
    if (name !== null && typeof name !== "string") throw new AppError("bad_request", "`name` is text");
    assertStorableText({ name }, "body");
    const db = await getDb();
    const { item, created } = await addToLibrary(db, actor.userId, {
      bytes: Buffer.from(await file.arrayBuffer()),
      declaredType: file.type || null,
      filename: (file as Blob & { name?: string }).name ?? null,
      name,
    });
    if (created) {
      await recordAudit(db, { actorId: actor.userId, action: "media_library.add", entityType: "media_library", entityId: item.id, details: { name: item.name, kind: item.kind, size: item.size } });
    }
    return Response.json({ item, created }, { status: created ? 201 : 200 });
  });
}

import { requireRole } from "@/lib/auth/guard";
import { conversationId, deskContext } from "@/lib/desk/guard";
import { sendMediaReply } from "@/lib/desk/send-media";
import { AppError } from "@/lib/errors/app-error";
import { handle } from "@/lib/errors/respond";
import { MAX_UPLOAD_REQUEST_BYTES } from "@/lib/media/upload-check";

/**
 * An agent sends a file: multipart/form-data with `file`, an optional `caption`, and
 * `voice=true` for a voice note recorded in the desk (Ogg Opus only). The only
 * desk route that takes multipart (the CSRF guard's `multipart` option); same-origin still.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request, { multipart: true }));
    const id = conversationId(await params);
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > MAX_UPLOAD_REQUEST_BYTES) throw new AppError("payload_too_large", "The file is over WhatsApp's largest limit (100 MB for documents)");
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("bad_request", "Send the file as multipart/form-data with a `file` field");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) throw new AppError("bad_request", "The `file` field is missing");
    const caption = form.get("caption");
    const voice = form.get("voice");
    if (voice !== null && voice !== "true" && voice !== "false") throw new AppError("bad_request", "`voice` is true or false");
    const message = await sendMediaReply(db, scope, id, {
      bytes: Buffer.from(await file.arrayBuffer()),
      declaredType: file.type || null,
      filename: (file as Blob & { name?: string }).name ?? null,
      caption: typeof caption === "string" ? caption : null,
      voice: voice === "true",
    });
    return Response.json({ message }, { status: 201 });
  });
}

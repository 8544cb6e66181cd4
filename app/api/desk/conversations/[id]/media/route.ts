import { requireRole } from "@/lib/auth/guard";
import { conversationId, deskContext } from "@/lib/desk/guard";
import { sendMediaReply } from "@/lib/desk/send-media";
import { AppError } from "@/lib/errors/app-error";
import { handle } from "@/lib/errors/respond";
import { readUploadForm } from "@/lib/media/upload-form";

/**
 * An agent sends a file: multipart/form-data with `file`, an optional `caption`, and
 * `voice=true` for a voice note recorded in the desk (Ogg Opus only). The only
 * desk route that takes multipart (the CSRF guard's `multipart` option); same-origin still.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request, { multipart: true }));
    const id = conversationId(await params);
    const { file, form } = await readUploadForm(request);
    const caption = form.get("caption");
    const voice = form.get("voice");
    if (voice !== null && voice !== "true" && voice !== "false") throw new AppError("bad_request", "`voice` is true or false");
    const message = await sendMediaReply(db, scope, id, {
      ...file,
      caption: typeof caption === "string" ? caption : null,
      voice: voice === "true",
    });
    return Response.json({ message }, { status: 201 });
  });
}

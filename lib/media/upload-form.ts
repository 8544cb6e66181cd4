import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { MAX_UPLOAD_REQUEST_BYTES } from "./upload-check";

export type UploadedFile = { bytes: Buffer; declaredType: string | null; filename: string | null };

/**
 * The multipart/form-data body of an upload route: its `file` (read into memory) and the form
 * for the route's other fields. Refuses, before reading, a body over WhatsApp's largest limit.
 */
export async function readUploadForm(request: Request): Promise<{ file: UploadedFile; form: FormData }> {
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
  return {
    file: { bytes: Buffer.from(await file.arrayBuffer()), declaredType: file.type || null, filename: (file as Blob & { name?: string }).name ?? null },
    form,
  };
}

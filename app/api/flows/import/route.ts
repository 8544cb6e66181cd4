import { requireRole } from "@/lib/auth/guard";
import { AREA_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { handle } from "@/lib/errors/respond";
import { assertStorableText, searchParamsOf } from "@/lib/errors/parse";
import { requestLocale } from "@/lib/flows/locale";
import { IMPORT_MAX_BYTES, importFlow } from "@/lib/flows/transfer";

/**
 * A flow file as multipart (`file`, optional `name`) or as the JSON body itself
 * (`{name, document}` or a bare document with `?name=`). Creates a new flow; an invalid
 * file is a 422 listing every issue and stores nothing.
 */
export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(AREA_ROLES.flows, request, { multipart: true });
    if (Number(request.headers.get("content-length") ?? 0) > IMPORT_MAX_BYTES) tooLarge();
    const queryName = searchParamsOf(request).get("name") || undefined;
    let text: string;
    let fileName: string | undefined;
    let name = queryName;
    if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
      const form = await request.formData().catch(() => {
        throw new AppError("bad_request", "The upload could not be read");
      });
      const file = form.get("file");
      if (!(file instanceof File)) {
        throw new AppError("unprocessable", "Attach the flow file in the `file` field", {
          details: { issues: [{ path: "file", message: "Required" }] },
        });
      }
      if (file.size > IMPORT_MAX_BYTES) tooLarge();
      const formName = form.get("name");
      if (typeof formName === "string" && formName.trim()) name = formName;
      fileName = file.name;
      text = await file.text();
    } else {
      text = await request.text();
      if (text.length > IMPORT_MAX_BYTES) tooLarge();
    }
    const payload = parseFileJson(text, fileName !== undefined);
    assertStorableText({ name, fileName, document: payload }, "body");
    const result = await importFlow(await getDb(), payload, { name, fileName }, actor.userId, requestLocale(request));
    return Response.json(result, { status: 201 });
  });
}

function tooLarge(): never {
  throw new AppError("payload_too_large", `Flow files are limited to ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
}

function parseFileJson(text: string, uploaded: boolean): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // A malformed request body is the client's bug (400); a malformed uploaded file is bad content (422).
    if (!uploaded) throw new AppError("bad_request", "The request body is not valid JSON");
    throw new AppError("unprocessable", "The file is not valid JSON, so it cannot be an Atendo flow", {
      details: { issues: [{ path: "", message: (error as Error).message }] },
    });
  }
}

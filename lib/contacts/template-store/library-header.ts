import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { findLibraryRow } from "@/lib/media/library/queries";
import type { TemplateHeaderMedia } from "@/lib/contacts/templates";

/**
 * A template's media header given as a media library file must name a file of the library
 * (not removed from it) of the header's kind: an IMAGE header sends an image. Checked before
 * anything is stored, so a send that Meta would refuse (or the sender could not upload) is a
 * 422 naming the header instead of a failed message.
 */
export async function assertLibraryHeader(db: DbOrTx, header: TemplateHeaderMedia): Promise<void> {
  const variable = `{{${header.kind}}}`;
  const file = await findLibraryRow(db, header.libraryId);
  if (!file || file.deletedAt) {
    throw new AppError("unprocessable", `The header's ${header.kind} is not a file of the media library`, {
      details: {
        reason: "library_file_unknown",
        issues: [{ path: "header", variable, code: "invalid", message: "No such file in the media library" }],
      },
    });
  }
  if (file.kind !== header.kind) {
    throw new AppError("unprocessable", `The header needs ${article(header.kind)} ${header.kind}: the library file "${file.name}" is ${article(file.kind)} ${file.kind}`, {
      details: {
        reason: "template_parameters",
        issues: [{ path: "header", variable, code: "media_kind", message: `The library file "${file.name}" is ${article(file.kind)} ${file.kind}, not ${article(header.kind)} ${header.kind}` }],
      },
    });
  }
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? "an" : "a";
}

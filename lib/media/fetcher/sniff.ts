import "server-only";
import { createReadStream } from "node:fs";
// The Node entry (reads files); the package's root export resolves to its browser core under TypeScript's bundler resolution.
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type/node";
import { baseMimeType, MEDIA_LIMITS, OFFICE_OLE_TYPES, OFFICE_OOXML_TYPES } from "../limits";
import type { MediaKind } from "../types";
import { fail } from "./outcome";

/*
 * The type of a downloaded file, read from its bytes (file-type), checked against what the
 * message declared and what WhatsApp accepts for its kind. The declared type alone is the
 * sender's word; a file whose bytes say otherwise is refused and logged.
 *
 * Where the bytes cannot tell the declared type apart, a family stands for it:
 * - Word, Excel and PowerPoint 97–2003 are all OLE compound files (`application/x-cfb`);
 * - their OOXML successors are zip files: file-type names the application when it finds the
 *   part that says so, plain `application/zip` otherwise;
 * - Ogg Opus (WhatsApp's voice notes) sniffs as `audio/ogg` (or `audio/opus`), declared `audio/ogg; codecs=opus`;
 * - MP4 audio sniffs as `audio/x-m4a` or, by its container brand, `video/mp4`.
 * Plain text has no magic number: declared `text/plain` is accepted when the bytes are valid
 * UTF-8 without NUL characters.
 */

/** Sniffed type → the declared types it may stand for. */
const FAMILIES: Record<string, readonly string[]> = {
  "application/x-cfb": OFFICE_OLE_TYPES,
  "application/zip": OFFICE_OOXML_TYPES,
  "audio/opus": ["audio/ogg", "audio/opus"],
  "audio/ogg": ["audio/ogg", "audio/opus"],
  "audio/x-m4a": ["audio/mp4", "audio/m4a", "audio/x-m4a", "audio/aac"],
  "audio/mp4": ["audio/mp4", "audio/m4a", "audio/x-m4a", "audio/aac"],
  "video/mp4": ["video/mp4", "audio/mp4", "audio/m4a", "audio/x-m4a"],
  "audio/aac": ["audio/aac", "audio/x-aac"],
  "audio/amr": ["audio/amr"],
  "audio/mpeg": ["audio/mpeg", "audio/mp3"],
  "video/3gpp": ["video/3gpp", "audio/3gpp"],
  "image/jpeg": ["image/jpeg", "image/jpg"],
};

/** Sniffed types under the name WhatsApp's limits use. */
const CANONICAL: Record<string, string> = { "audio/opus": "audio/ogg", "audio/x-m4a": "audio/mp4" };

function compatible(sniffed: string, declared: string): boolean {
  return sniffed === declared || (FAMILIES[sniffed]?.includes(declared) ?? false);
}

/** Valid UTF-8 with no NUL character, read in a stream (documents may be large). */
async function isPlainText(source: string | Buffer): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of typeof source === "string" ? createReadStream(source) : [source]) {
      const bytes = chunk as Buffer;
      if (bytes.includes(0)) return false;
      decoder.decode(bytes, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * The type to store and serve the file (a path, or the bytes in memory) as, or a FetchProblem: `type_mismatch` when the bytes
 * are not what was declared, `refused_type` when WhatsApp does not take the type for the kind.
 */
export async function checkType(kind: MediaKind, declaredMime: string | null, file: string | Buffer): Promise<string> {
  const declared = baseMimeType(declaredMime);
  const allowed = MEDIA_LIMITS[kind].types;
  const detected = typeof file === "string" ? await fileTypeFromFile(file) : await fileTypeFromBuffer(file);
  if (!detected) {
    if (declared === "text/plain" && kind === "document") {
      if (await isPlainText(file)) return "text/plain";
      throw fail("type_mismatch", "Declared text/plain, but the bytes are not UTF-8 text");
    }
    throw fail(declared ? "type_mismatch" : "refused_type", `Declared ${declared ?? "no type"}, but the bytes are of no type WhatsApp accepts for ${kind}`);
  }
  // file-type names Ogg Opus `audio/ogg; codecs=opus`: compared without parameters, like the declared type.
  const sniffed = baseMimeType(detected.mime) ?? detected.mime;
  if (declared && !compatible(sniffed, declared)) throw fail("type_mismatch", `Declared ${declared}, but the bytes are ${sniffed}`);
  // Stored under the declared name when the bytes fit it and WhatsApp lists it (a zip or OLE
  // file stands for the Office type it was declared as, MP4 audio stays audio/mp4).
  const type = declared && allowed.includes(declared) ? declared : (CANONICAL[sniffed] ?? sniffed);
  if (!allowed.includes(type)) throw fail("refused_type", `WhatsApp does not accept ${type} as ${kind}`);
  return type;
}

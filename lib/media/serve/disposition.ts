/**
 * How a stored file is served: only images, audio and video may show inline, and never an
 * active type (SVG can carry script, and so can anything HTML or XML); everything else is a
 * download with its filename, RFC 6266 / RFC 5987 encoded. With `X-Content-Type-Options:
 * nosniff` the browser keeps to the type we send.
 */

const ACTIVE = /(svg|html|xml|javascript|ecmascript)/i;

export function isInlineType(contentType: string): boolean {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (ACTIVE.test(type)) return false;
  return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/");
}

/** Characters RFC 5987 lets through unencoded (attr-char); the rest are percent-encoded as UTF-8. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A plain-ASCII fallback for old clients: no quotes, backslashes, control or non-ASCII characters. */
function asciiFallback(value: string): string {
  const cleaned = value.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_").trim();
  return cleaned || "file";
}

/** The file name a customer gave, without any path: only the last segment, and never empty. */
export function safeFilename(name: string | null, fallback: string): string {
  const segment = (name ?? "").split(/[\\/]/).pop() ?? "";
  const last = [...segment].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join("").trim();
  return last && last !== "." && last !== ".." ? last.slice(0, 200) : fallback;
}

export function contentDisposition(contentType: string, filename: string): string {
  if (isInlineType(contentType)) return "inline";
  return `attachment; filename="${asciiFallback(filename)}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

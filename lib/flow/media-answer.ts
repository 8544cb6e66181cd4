/**
 * A file a customer sent as the answer to a `media` question, as flow variables
 * (docs/flows.md → "Asking for a file"). Variables are flat strings, so a media answer in
 * `foto` is written as a family of variables:
 *
 * - `foto`          what a text shows: the document's file name, or "[image]", "[audio]"…
 * - `foto.id`       the app's media id
 * - `foto.url`      the app's authorised URL, `/api/media/{id}` (never Meta's, never the bytes)
 * - `foto.kind`     image, document, audio, video or sticker
 * - `foto.filename` documents only, when the customer's app sent a name
 * - `foto.caption`  when the customer wrote one
 *
 * Pure and browser-safe: the engine writes these, the desk reads them back.
 */
import { ANSWER_MEDIA_KINDS, type AnswerMediaKind } from "./nodes/question/schema";

export const MEDIA_URL_PREFIX = "/api/media/";
export const MEDIA_ANSWER_SUFFIXES = ["id", "url", "kind", "filename", "caption"] as const;

export type MediaAnswerRef = { id: string; url: string; kind: AnswerMediaKind; filename?: string; caption?: string };

export function mediaUrl(id: string): string {
  return MEDIA_URL_PREFIX + encodeURIComponent(id);
}

export function isAnswerMediaKind(kind: string): kind is AnswerMediaKind {
  return (ANSWER_MEDIA_KINDS as readonly string[]).includes(kind);
}

/** Whether a file of `kind` answers a question that allows `allowed` (empty or "any": every kind). */
export function mediaKindAllowed(kind: string, allowed: readonly string[] | undefined): boolean {
  if (!isAnswerMediaKind(kind)) return false;
  if (!allowed || allowed.length === 0 || allowed.includes("any")) return true;
  return allowed.includes(kind);
}

/** What `{{var}}` renders: the file name, or the kind in brackets. */
export function mediaDisplay(kind: string, filename?: string | null): string {
  const name = filename?.trim();
  return name ? name : `[${kind}]`;
}

/** The variables a media answer writes under `name` (`name` itself first). */
export function mediaAnswerVariables(name: string, ref: MediaAnswerRef): [string, string][] {
  const out: [string, string][] = [
    [name, mediaDisplay(ref.kind, ref.filename)],
    [`${name}.id`, ref.id],
    [`${name}.url`, ref.url],
    [`${name}.kind`, ref.kind],
  ];
  if (ref.filename?.trim()) out.push([`${name}.filename`, ref.filename.trim()]);
  if (ref.caption?.trim()) out.push([`${name}.caption`, ref.caption.trim()]);
  return out;
}

/** The media answer stored under `name`, if the variables hold one (`.url` must be the app's URL of `.id`). */
export function readMediaAnswer(vars: Readonly<Record<string, unknown>>, name: string): MediaAnswerRef | null {
  const id = vars[`${name}.id`];
  const url = vars[`${name}.url`];
  const kind = vars[`${name}.kind`];
  if (typeof id !== "string" || !id || typeof url !== "string" || typeof kind !== "string") return null;
  if (url !== mediaUrl(id) || !isAnswerMediaKind(kind)) return null;
  const filename = vars[`${name}.filename`];
  const caption = vars[`${name}.caption`];
  return {
    id,
    url,
    kind,
    ...(typeof filename === "string" && filename ? { filename } : {}),
    ...(typeof caption === "string" && caption ? { caption } : {}),
  };
}

/**
 * Splits captured variables into media answers and the rest: a media answer's family
 * (`x`, `x.id`, `x.url`…) becomes one entry, so a desk shows the file instead of five strings.
 */
export function groupMediaAnswers(vars: Readonly<Record<string, unknown>>): { media: { name: string; ref: MediaAnswerRef }[]; rest: string[] } {
  const media: { name: string; ref: MediaAnswerRef }[] = [];
  const hidden = new Set<string>();
  for (const key of Object.keys(vars)) {
    if (!key.endsWith(".url")) continue;
    const name = key.slice(0, -4);
    const ref = readMediaAnswer(vars, name);
    if (!ref) continue;
    media.push({ name, ref });
    hidden.add(name);
    for (const s of MEDIA_ANSWER_SUFFIXES) hidden.add(`${name}.${s}`);
  }
  return { media, rest: Object.keys(vars).filter((k) => !hidden.has(k)) };
}

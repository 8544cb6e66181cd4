/**
 * Where a node's file comes from — the media library (`libraryId`, uploaded once, checked,
 * sent by Meta media id) or a public address (`url`, which Meta fetches itself) — shared by the
 * message node's media and the buttons node's media header. Schema fields, lint and rendering
 * in one place. Pure and browser-safe.
 */
import { z } from "zod";
import { MEDIA_LIMITS } from "@/lib/media/limits";
import type { MediaKind } from "@/lib/media/types";
import { formatLimit } from "@/lib/whatsapp/media-limits";
import { MEDIA_KIND_NAMES } from "../lint-messages";
import type { Run } from "./engine-kit";
import { type LintScope, at, isHttpUrl } from "./lint-kit";

export const mediaSourceFields = {
  /** A public http(s) address (may use `{{variables}}`); ignored when `libraryId` is set. */
  url: z.string().default(""),
  /** A media library item (`media_library.id`). */
  libraryId: z.string().optional(),
};

export type MediaSource = { kind: MediaKind; url: string; libraryId?: string };

/** Extensions an address may end in, and the kinds of file they can be. */
const EXTENSION_KINDS: Record<string, readonly MediaKind[]> = {
  jpg: ["image"],
  jpeg: ["image"],
  png: ["image"],
  webp: ["sticker"],
  mp4: ["video", "audio"],
  "3gp": ["video"],
  mp3: ["audio"],
  ogg: ["audio"],
  opus: ["audio"],
  aac: ["audio"],
  amr: ["audio"],
  m4a: ["audio"],
  pdf: ["document"],
  txt: ["document"],
  doc: ["document"],
  docx: ["document"],
  xls: ["document"],
  xlsx: ["document"],
  ppt: ["document"],
  pptx: ["document"],
};

function urlExtension(url: string): string | null {
  try {
    const path = new URL(url.trim().replace(/\{\{[^{}]*\}\}/g, "x")).pathname;
    const match = /\.([a-z0-9]{2,5})$/i.exec(path);
    return match ? match[1]!.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** `base` is the field path of the media object, e.g. "data.media". */
export function lintMediaSource(scope: LintScope, nodeId: string, base: string, media: MediaSource): void {
  const { r, library } = scope;
  const kind = MEDIA_KIND_NAMES[r.locale][media.kind];
  if (media.libraryId !== undefined) {
    const where = at(nodeId, `${base}.libraryId`);
    if (!media.libraryId) {
      r.error("media_source_missing", where);
      return;
    }
    if (!library) return;
    const item = library[media.libraryId];
    if (!item) {
      r.error("media_library_missing", where);
      return;
    }
    if (item.deleted) r.warn("media_library_removed", where, { name: item.name });
    if (item.kind !== media.kind) {
      r.error("media_library_kind", where, { name: item.name, kind, fileKind: MEDIA_KIND_NAMES[r.locale][item.kind] });
      return;
    }
    const max = MEDIA_LIMITS[media.kind].maxBytes;
    if (item.size > max) r.error("media_too_large", where, { name: item.name, kind, size: formatLimit(item.size), max: formatLimit(max) });
    return;
  }
  const where = at(nodeId, `${base}.url`);
  scope.collect(media.url, where);
  if (!media.url.trim()) {
    r.error("media_source_missing", where);
    return;
  }
  if (!isHttpUrl(media.url)) {
    r.error("media_url_invalid", where, { url: media.url });
    return;
  }
  const extension = urlExtension(media.url);
  const kinds = extension ? EXTENSION_KINDS[extension] : undefined;
  if (extension && kinds && !kinds.includes(media.kind)) r.warn("media_url_kind", where, { extension, kind });
}

/** The file to send: a library item, or the rendered address (null: a blank address sends nothing). */
export function renderMediaSource(run: Run, media: MediaSource): { url: string; libraryId?: string } | null {
  if (media.libraryId) return { url: "", libraryId: media.libraryId };
  const url = run.render(media.url).trim();
  return url ? { url } : null;
}

/** The library items a document's nodes name (for the publish lint's facts). */
export function libraryIdsOf(nodes: readonly { data?: unknown }[]): string[] {
  const ids = new Set<string>();
  for (const node of nodes) {
    const data = node.data as { media?: { libraryId?: unknown }; headerMedia?: { libraryId?: unknown } } | undefined;
    for (const source of [data?.media, data?.headerMedia]) {
      if (typeof source?.libraryId === "string" && source.libraryId) ids.add(source.libraryId);
    }
  }
  return [...ids];
}

/**
 * A media library item as clients see it (the editor's picker, the API). Plain types: client
 * components import them.
 */
import type { MediaKind } from "../types";

export type LibraryItem = {
  id: string;
  name: string;
  kind: MediaKind;
  mimeType: string;
  size: number;
  hasThumbnail: boolean;
  createdAt: string;
};

/** What the publish lint needs to know of the items a flow uses (absent: not in the library). */
export type LibraryFacts = Record<string, { kind: MediaKind; size: number; name: string; deleted: boolean }>;

/** The route that serves an item's file (`?variant=thumb` for images' thumbnails). */
export function libraryFileUrl(id: string, variant?: "thumb"): string {
  return `/api/media-library/${encodeURIComponent(id)}/file${variant ? `?variant=${variant}` : ""}`;
}

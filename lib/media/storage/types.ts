import type { Readable } from "node:stream";

/** Owned by media-core (MEDIA-CONTRACT.md): the one small interface every file store implements. */
export type StoredObject = { body: Readable; size: number; contentType: string };

export interface MediaStorage {
  put(key: string, body: Buffer | Readable, options: { contentType: string }): Promise<{ size: number }>;
  /** null when absent. `range` is inclusive byte offsets, as in HTTP Range. */
  get(key: string, range?: { start: number; end: number }): Promise<StoredObject | null>;
  head(key: string): Promise<{ size: number; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

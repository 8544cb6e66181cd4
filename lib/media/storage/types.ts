import type { Readable } from "node:stream";

/** An object read back from storage: its bytes (the whole object, or the range asked for) and what it is. */
export type StoredObject = { body: Readable; size: number; contentType: string };

/**
 * Where media files live: the local disk or an S3-compatible service (lib/media/storage/index.ts
 * chooses by configuration). Keys are ours (lib/media/storage/keys.ts), never user input.
 */
export interface MediaStorage {
  put(key: string, body: Buffer | Readable, options: { contentType: string }): Promise<{ size: number }>;
  /** null when absent. `range` is inclusive byte offsets, as in HTTP Range. */
  get(key: string, range?: { start: number; end: number }): Promise<StoredObject | null>;
  head(key: string): Promise<{ size: number; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

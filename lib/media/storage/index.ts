import "server-only";
import { env, s3Settings } from "@/lib/config/env";
import { LocalDiskStorage } from "./local";
import { S3Storage } from "./s3";
import type { MediaStorage } from "./types";

export type { MediaStorage, StoredObject } from "./types";

const holder = globalThis as unknown as { __atendoMediaStorage?: MediaStorage };

/**
 * The configured media storage (MEDIA_STORAGE): the local disk under MEDIA_DIR (the embedded
 * demo, one instance) or an S3-compatible service (production, several instances). One per
 * thread, made on first use.
 */
export function getMediaStorage(): MediaStorage {
  holder.__atendoMediaStorage ??= env.MEDIA_STORAGE === "s3" ? new S3Storage(s3Settings()) : new LocalDiskStorage(env.MEDIA_DIR);
  return holder.__atendoMediaStorage;
}

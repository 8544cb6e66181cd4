import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { MediaStorage } from "./types";

export type { MediaStorage, StoredObject } from "./types";

/**
 * Interim local-disk store for the media-ui branch, written against the contract's interface
 * until media-core's storage module (local disk + S3, chosen by config) is merged; that one
 * replaces this file. Keys are ours (`[a-z0-9/_-.]`), checked anyway so no input becomes a path.
 */
const ROOT = path.resolve(".data/media");
const KEY = /^[a-z0-9_-]+(\/[a-z0-9_.-]+)*$/;

function fileOf(key: string): string {
  if (!KEY.test(key) || key.includes("..")) throw new Error(`invalid media key: ${key}`);
  return path.join(ROOT, key);
}

class LocalDiskStorage implements MediaStorage {
  async put(key: string, body: Buffer | Readable, options: { contentType: string }) {
    const file = fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    if (Buffer.isBuffer(body)) await writeFile(file, body);
    else await pipeline(body, createWriteStream(file));
    await writeFile(`${file}.type`, options.contentType);
    return { size: (await stat(file)).size };
  }
  async head(key: string) {
    const file = fileOf(key);
    try {
      const [info, contentType] = await Promise.all([stat(file), readFile(`${file}.type`, "utf8").catch(() => "application/octet-stream")]);
      return { size: info.size, contentType };
    } catch {
      return null;
    }
  }
  async get(key: string, range?: { start: number; end: number }) {
    const head = await this.head(key);
    if (!head) return null;
    const body = createReadStream(fileOf(key), range ? { start: range.start, end: range.end } : {});
    return { body, size: range ? range.end - range.start + 1 : head.size, contentType: head.contentType };
  }
  async delete(key: string) {
    const file = fileOf(key);
    await rm(file, { force: true });
    await rm(`${file}.type`, { force: true });
  }
}

let storage: MediaStorage | null = null;
export function getMediaStorage(): MediaStorage {
  storage ??= new LocalDiskStorage();
  return storage;
}

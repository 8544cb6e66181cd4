import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertValidKey } from "./keys";
import type { MediaStorage, StoredObject } from "./types";

/*
 * Media on the local disk: one file per key under the root, its content type in a sidecar
 * (`<file>~type`; `~` never occurs in a key, so a sidecar cannot collide with an object).
 * A write goes to a temporary file in the same directory and is renamed into place, so a
 * reader never sees half a file and a crash leaves at worst a stray temporary file.
 */

const TYPE_SUFFIX = "~type";
const DEFAULT_TYPE = "application/octet-stream";

export class LocalDiskStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    assertValidKey(key);
    const file = path.resolve(this.root, ...key.split("/"));
    // Belt and braces: the key check already rules out anything that leaves the root.
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new TypeError("media storage key outside the root");
    return file;
  }

  async put(key: string, body: Buffer | Readable, options: { contentType: string }): Promise<{ size: number }> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}~tmp-${randomBytes(6).toString("hex")}`;
    let size = 0;
    try {
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          callback(null, chunk);
        },
      });
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, counter, createWriteStream(temp, { flags: "wx" }));
      await writeFile(`${file}${TYPE_SUFFIX}`, options.contentType);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { size };
  }

  async get(key: string, range?: { start: number; end: number }): Promise<StoredObject | null> {
    const file = this.file(key);
    const info = await statOrNull(file);
    if (!info) return null;
    const contentType = await this.contentType(file);
    if (range) {
      return { body: createReadStream(file, { start: range.start, end: range.end }), size: range.end - range.start + 1, contentType };
    }
    return { body: createReadStream(file), size: info.size, contentType };
  }

  async head(key: string): Promise<{ size: number; contentType: string } | null> {
    const file = this.file(key);
    const info = await statOrNull(file);
    return info ? { size: info.size, contentType: await this.contentType(file) } : null;
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    await rm(file, { force: true });
    await rm(`${file}${TYPE_SUFFIX}`, { force: true });
  }

  private async contentType(file: string): Promise<string> {
    try {
      return (await readFile(`${file}${TYPE_SUFFIX}`, "utf8")).trim() || DEFAULT_TYPE;
    } catch {
      return DEFAULT_TYPE;
    }
  }
}

async function statOrNull(file: string) {
  try {
    const info = await stat(file);
    return info.isFile() ? info : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

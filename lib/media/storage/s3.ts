import "server-only";
import { Readable, Transform } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { assertValidKey } from "./keys";
import type { MediaStorage, StoredObject } from "./types";

export type S3StorageSettings = {
  endpoint?: string;
  region: string;
  bucket: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

/*
 * Media in any S3-compatible service (AWS S3, MinIO, Ceph, R2…), through the AWS SDK's public
 * API: uploads are streamed (`Upload` sends one PutObject for small bodies and a multipart
 * upload for large ones, without buffering the file), reads ask for the byte range HTTP asked
 * for. Checksums are sent and checked only where an operation requires them: the SDK's
 * default (a CRC trailer on every upload) is not understood by many S3-compatible servers.
 */
export class S3Storage implements MediaStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3StorageSettings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, body: Buffer | Readable, options: { contentType: string }): Promise<{ size: number }> {
    assertValidKey(key);
    let size = 0;
    const counted = Buffer.isBuffer(body)
      ? body
      : body.pipe(
          new Transform({
            transform(chunk: Buffer, _encoding, callback) {
              size += chunk.length;
              callback(null, chunk);
            },
          }),
        );
    if (Buffer.isBuffer(body)) size = body.length;
    // A failing source must fail the upload, not leave it waiting for bytes that never come.
    if (!Buffer.isBuffer(body)) body.once("error", (error) => (counted as Transform).destroy(error));
    // Parts of 5 MB, two in flight: at most about 10 MB of a file in memory, whatever its size.
    await new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counted, ContentType: options.contentType },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    }).done();
    return { size };
  }

  async get(key: string, range?: { start: number; end: number }): Promise<StoredObject | null> {
    assertValidKey(key);
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      if (!(result.Body instanceof Readable)) throw new Error("S3: expected a Node.js stream body");
      const size = result.ContentLength ?? (range ? range.end - range.start + 1 : 0);
      return { body: result.Body, size, contentType: result.ContentType ?? "application/octet-stream" };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<{ size: number; contentType: string } | null> {
    assertValidKey(key);
    try {
      const result = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: result.ContentLength ?? 0, contentType: result.ContentType ?? "application/octet-stream" };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Closes the client's connections (tests, shutdown). */
  destroy(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) return error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404;
  return false;
}

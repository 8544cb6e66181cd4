/**
 * A real S3-compatible HTTP server for the tests (s3rver, files in a temporary folder) on a
 * loopback port, with one bucket, and the settings that point the app's S3 storage at it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { freePort } from "./app-server";

export type S3Server = {
  endpoint: string;
  bucket: string;
  /** Environment for an app server storing its media here. */
  env: Record<string, string>;
  stop: () => Promise<void>;
};

// s3rver's default credentials (it checks the signature against them).
const KEY = "S3RVER";

export async function startS3Server(bucket = "atendo-media"): Promise<S3Server> {
  const directory = mkdtempSync(path.join(tmpdir(), "atendo-s3rver-"));
  const port = await freePort();
  const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      MEDIA_STORAGE: "s3",
      S3_ENDPOINT: endpoint,
      S3_REGION: "us-east-1",
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: KEY,
      S3_SECRET_ACCESS_KEY: KEY,
      S3_FORCE_PATH_STYLE: "1",
    },
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

// s3rver ships no types: the part of its documented API the tests use.
declare module "s3rver" {
  type BucketConfig = { name: string; configs: (string | Buffer)[] };
  type Options = { address?: string; port?: number; silent?: boolean; directory?: string; resetOnClose?: boolean; configureBuckets?: BucketConfig[] };
  export default class S3rver {
    constructor(options?: Options);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}

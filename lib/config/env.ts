import "server-only";
import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable Atendo reads, with its default and what it expects — the only
 * place in lib/ that touches `process.env`. Code reads `env.NAME` (typed, validated, frozen).
 *
 * Each variable is parsed the first time it is read and kept, so a test can set
 * `process.env.X` before the code under test first reads X. The server calls `checkEnv()`
 * as it starts, which parses all of them at once: a bad value stops the start with a message
 * naming every variable that is wrong and what it expects.
 *
 * Works in the runtime's worker thread too (it gets a copy of the parent's environment and
 * its own module instance, so it parses its own copy once).
 */

type Spec<S extends z.ZodType = z.ZodType> = { schema: S; expects: string; secret?: boolean };

function variable<S extends z.ZodType>(schema: S, expects: string, options: { secret?: boolean } = {}): Spec<S> {
  return { schema, expects, ...options };
}

function integer(fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .trim()
    .regex(/^[+-]?\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);
}

function optionalInteger(min: number) {
  return z.string().trim().regex(/^[+-]?\d+$/).transform(Number).pipe(z.number().int().min(min)).optional();
}

/** `1`/`true` or `0`/`false`. */
function flag(fallback: boolean) {
  return z
    .enum(["1", "0", "true", "false"])
    .transform((value) => value === "1" || value === "true")
    .default(fallback);
}

const httpUrl = () => z.url({ protocol: /^https?$/ });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const ms = (fallback: number, min = 1) => integer(fallback, min);
const msText = (fallback: number, min = 1) => `a whole number of milliseconds${min > 0 ? `, at least ${min}` : ""} (default ${fallback})`;
const count = (fallback: number, min = 1) => integer(fallback, min);
const countText = (fallback: number, min = 1) => `a whole number, at least ${min} (default ${fallback})`;
const flagText = (fallback: boolean) => `1 or 0 (true or false; default ${fallback ? 1 : 0})`;

export const ENV_SPEC = {
  // Database
  DATABASE_URL: variable(z.url({ protocol: /^postgres(ql)?$/ }).optional(), "a PostgreSQL URL, postgres://user:password@host:5432/database (unset: embedded PGlite)", { secret: true }),
  DATABASE_POOL_SIZE: variable(count(10), countText(10)),
  PGLITE_DATA_DIR: variable(
    z
      .string()
      .optional()
      .transform((dir) => dir ?? path.join(process.cwd(), ".data", "pglite")),
    "a directory for the embedded database (default .data/pglite)",
  ),
  SEED_DEMO: variable(flag(false), `${flagText(false)}; PGlite always seeds the demo`),
  ADMIN_EMAIL: variable(z.email().optional(), "an e-mail address"),
  ADMIN_PASSWORD: variable(z.string().optional(), "a password", { secret: true }),

  // Secrets and URLs
  NEXTAUTH_SECRET: variable(z.string().min(16).optional(), "at least 16 characters (the same on every instance)", { secret: true }),
  AUTH_SECRET: variable(z.string().min(16).optional(), "at least 16 characters (an alias of NEXTAUTH_SECRET)", { secret: true }),
  ATENDO_ENCRYPTION_KEY: variable(
    z
      .string()
      .refine((value) => Buffer.from(value, "base64").length === 32)
      .optional(),
    "32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)",
    { secret: true },
  ),
  NEXTAUTH_URL: variable(httpUrl().optional(), "the app's public http(s) URL, e.g. https://atendo.example.com"),
  PORT: variable(integer(3000, 1, 65_535), "a TCP port, 1–65535 (default 3000)"),
  TRUSTED_PROXY_HOPS: variable(
    integer(0, 0, 10),
    "how many reverse proxies in front of the app append to X-Forwarded-For, 0–10 (default 0: clients connect directly)",
  ),
  HOST: variable(z.string().trim().min(1).optional(), "the address the server listens on, e.g. 127.0.0.1 (default: every interface)"),
  ATENDO_INTERNAL_URL: variable(httpUrl().optional(), "an http(s) URL at which the app reaches itself (default http://127.0.0.1:$PORT)"),
  TZ_DISPLAY: variable(z.string().refine(isTimeZone).default("America/Sao_Paulo"), "an IANA time zone, e.g. America/Sao_Paulo"),
  ATENDO_BENCH: variable(flag(false), flagText(false)),

  // WhatsApp
  WHATSAPP_PHONE_NUMBER_ID: variable(z.string().optional(), "the phone number id from Meta's dashboard"),
  WHATSAPP_DISPLAY_NUMBER: variable(z.string().optional(), "the number shown in the UI"),
  WHATSAPP_ACCESS_TOKEN: variable(z.string().optional(), "a Graph API access token", { secret: true }),
  WHATSAPP_APP_SECRET: variable(z.string().optional(), "the Meta app secret", { secret: true }),
  WHATSAPP_VERIFY_TOKEN: variable(z.string().optional(), "the webhook verify token", { secret: true }),
  WHATSAPP_GRAPH_URL: variable(httpUrl().default("https://graph.facebook.com/v23.0"), "an http(s) URL of the Graph API (default https://graph.facebook.com/v23.0)"),
  WHATSAPP_GRAPH_TIMEOUT_MS: variable(ms(15_000), msText(15_000)),

  // Webhook and runtime (docs/runtime.md#configuration)
  WEBHOOK_FAST_PATH: variable(flag(true), flagText(true)),
  WEBHOOK_STORE_TIMEOUT_MS: variable(ms(10_000), msText(10_000)),
  WEBHOOK_INSERTS_IN_FLIGHT: variable(count(2), countText(2)),
  RUNTIME_DISABLED: variable(flag(false), flagText(false)),
  RUNTIME_THREAD: variable(flag(true), flagText(true)),
  RUNTIME_THREAD_NICE: variable(integer(0, -20, 19), "a nice value, -20–19 (default 0)"),
  RUNTIME_WORKERS: variable(count(1), countText(1)),
  RUNTIME_BATCH_SIZE: variable(count(64), countText(64)),
  RUNTIME_POLL_MS: variable(ms(300), msText(300)),
  RUNTIME_SWEEP_MS: variable(ms(30_000), msText(30_000)),
  RUNTIME_UPKEEP_MS: variable(ms(5_000, 0), msText(5_000, 0)),
  RUNTIME_MAX_ATTEMPTS: variable(count(5), countText(5)),
  RUNTIME_DB_POOL_SIZE: variable(count(5), countText(5)),
  RUNTIME_RECORD_WRITERS: variable(count(1), countText(1)),
  RUNTIME_SEND_LEASE_MS: variable(optionalInteger(1), "a whole number of milliseconds (default WHATSAPP_GRAPH_TIMEOUT_MS + 45000)"),
  ATENDO_INSTANCE_ID: variable(
    z.string().trim().regex(/^[A-Za-z0-9._:@-]{1,200}$/).optional(),
    "1–200 letters, digits and . _ : @ -, unique per live instance and kept across its restarts (default: an id kept in .data/instance-id-$PORT)",
  ),
  RUNTIME_TAKEOVER_GRACE_MS: variable(ms(5_000, 0), msText(5_000, 0)),
  RUNTIME_SEND_MAX_BACKOFF_MS: variable(ms(60_000), msText(60_000)),
  RUNTIME_SEND_CONCURRENCY: variable(count(128), countText(128)),
  RUNTIME_SEND_BATCH: variable(count(64), countText(64)),
  RUNTIME_CHANNEL_CACHE_MS: variable(ms(5_000, 0), msText(5_000, 0)),
  RUNTIME_SETTINGS_CACHE_MS: variable(ms(5_000, 0), msText(5_000, 0)),
  RUNTIME_STATS: variable(flag(false), flagText(false)),
  SHUTDOWN_GRACE_MS: variable(ms(20_000, 0), msText(20_000, 0)),

  // Media (docs/media.md)
  MEDIA_STORAGE: variable(z.enum(["local", "s3"]).default("local"), "local or s3 (default local: files under MEDIA_DIR)"),
  MEDIA_DIR: variable(
    z
      .string()
      .optional()
      .transform((dir) => path.resolve(dir ?? path.join(process.cwd(), ".data", "media"))),
    "a directory for media files when MEDIA_STORAGE=local (default .data/media)",
  ),
  S3_ENDPOINT: variable(httpUrl().optional(), "the http(s) URL of an S3-compatible service (unset: AWS S3 of S3_REGION)"),
  S3_REGION: variable(z.string().trim().min(1).default("us-east-1"), "an S3 region, e.g. eu-west-1 (default us-east-1)"),
  S3_BUCKET: variable(z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/).optional(), "an S3 bucket name (required when MEDIA_STORAGE=s3)"),
  S3_ACCESS_KEY_ID: variable(z.string().trim().min(1).optional(), "an access key id (unset: the AWS SDK's default credentials chain)"),
  S3_SECRET_ACCESS_KEY: variable(z.string().min(1).optional(), "the secret access key of S3_ACCESS_KEY_ID", { secret: true }),
  S3_FORCE_PATH_STYLE: variable(flag(false), `${flagText(false)}; 1 for MinIO and most S3-compatible servers`),
  MEDIA_FETCH_CONCURRENCY: variable(count(4), countText(4)),
  MEDIA_FETCH_TIMEOUT_MS: variable(ms(60_000), msText(60_000)),
  MEDIA_FETCH_MAX_ATTEMPTS: variable(count(8), countText(8)),
  MEDIA_FETCH_MAX_BACKOFF_MS: variable(ms(300_000), msText(300_000)),
  MEDIA_FETCH_NICE: variable(integer(19, -20, 19), "a nice value, -20–19, of the media process (default 19)"),
  MEDIA_FETCH_IDLE: variable(flag(true), `${flagText(true)}; runs the media process under Linux's SCHED_IDLE`),
  MEDIA_RETENTION_DAYS: variable(optionalInteger(1), "a whole number of days, at least 1 (unset: files are kept)"),

  // Desk
  ASSIGNER_POLL_MS: variable(ms(10_000), msText(10_000)),
  PRESENCE_STALE_MS: variable(ms(180_000), msText(180_000)),
  SSE_HEARTBEAT_MS: variable(ms(15_000), msText(15_000)),

  // Sandbox
  SANDBOX_WEBHOOK_URL: variable(httpUrl().optional(), "an http(s) URL (default the app's own webhook route)"),
  SANDBOX_SENT_AFTER_MS: variable(ms(250, 0), msText(250, 0)),
  SANDBOX_DELIVERED_AFTER_MS: variable(ms(700, 0), msText(700, 0)),
  /** How long the sandbox's "Meta review" of a submitted template takes before it is approved. */
  SANDBOX_TEMPLATE_REVIEW_MS: variable(ms(4_000, 0), msText(4_000, 0)),
} satisfies Record<string, Spec>;

export type EnvName = keyof typeof ENV_SPEC;
export type Env = { readonly [K in EnvName]: z.output<(typeof ENV_SPEC)[K]["schema"]> };
type Source = Record<string, string | undefined>;

/** One or more variables hold values Atendo cannot use; the message names each and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: { name: EnvName; expects: string }[]) {
    super(`Invalid configuration (environment variables):\n${problems.map((p) => `  ${p.name}: expected ${p.expects}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const NAMES = Object.keys(ENV_SPEC) as EnvName[];

function parseOne<K extends EnvName>(name: K, source: Source): { ok: true; value: Env[K] } | { ok: false; problem: { name: EnvName; expects: string } } {
  const spec: Spec = ENV_SPEC[name];
  const raw = source[name];
  // An empty variable (`FOO=`) means unset, as `FOO=${FOO:-}` in shell scripts intends.
  const result = spec.schema.safeParse(raw === undefined || raw.trim() === "" ? undefined : raw);
  if (result.success) return { ok: true, value: result.data as Env[K] };
  const shown = spec.secret ? "" : ` (got ${JSON.stringify(raw)})`;
  return { ok: false, problem: { name, expects: `${spec.expects}${shown}` } };
}

/** Parses every variable of `source` at once; throws a ConfigError naming all bad ones. */
export function parseEnv(source: Source): Env {
  const values: Partial<Record<EnvName, unknown>> = {};
  const problems: { name: EnvName; expects: string }[] = [];
  for (const name of NAMES) {
    const result = parseOne(name, source);
    if (result.ok) values[name] = result.value;
    else problems.push(result.problem);
  }
  // Variables that only mean something together: S3 storage needs its bucket, keys come in pairs.
  if (values.MEDIA_STORAGE === "s3" && !values.S3_BUCKET) problems.push({ name: "S3_BUCKET", expects: ENV_SPEC.S3_BUCKET.expects });
  if (!!values.S3_ACCESS_KEY_ID !== !!values.S3_SECRET_ACCESS_KEY) {
    problems.push({ name: values.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID", expects: "set together with its pair (S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY)" });
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(values) as Env;
}

const cache = new Map<EnvName, unknown>();

function read<K extends EnvName>(name: K): Env[K] {
  if (cache.has(name)) return cache.get(name) as Env[K];
  const result = parseOne(name, process.env);
  if (!result.ok) throw new ConfigError([result.problem]);
  cache.set(name, result.value);
  return result.value;
}

/** The process's configuration: each variable validated on its first read, then kept. */
export const env: Env = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(NAMES.map((name) => [name, { enumerable: true, get: () => read(name) }])),
  ),
) as Env;

/** Validates the whole environment (called as the server starts); throws a ConfigError naming every bad variable. */
export function checkEnv(): void {
  const all = parseEnv(process.env);
  for (const name of NAMES) if (!cache.has(name)) cache.set(name, all[name]);
}

// Defaults that depend on other variables.

/** The app's public origin: NEXTAUTH_URL, or http://localhost:$PORT. */
export function publicUrl(): string {
  return (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** How the server process reaches itself: ATENDO_INTERNAL_URL, or http://127.0.0.1:$PORT. */
export function internalUrl(): string {
  return (env.ATENDO_INTERNAL_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, "");
}

/**
 * How long a claimed outbox row stays leased: RUNTIME_SEND_LEASE_MS, by default the Graph
 * timeout plus 45 s, never shorter than the Graph timeout plus 1 s (a send in flight must
 * not be claimed twice).
 */
export function sendLeaseMs(): number {
  const timeout = env.WHATSAPP_GRAPH_TIMEOUT_MS;
  return Math.max(env.RUNTIME_SEND_LEASE_MS ?? timeout + 45_000, timeout + 1_000);
}

/** Media storage: S3 needs a bucket. Checked with the rest at start (checkEnv) and when storage is first used. */
export function s3Settings(): { endpoint?: string; region: string; bucket: string; forcePathStyle: boolean; credentials?: { accessKeyId: string; secretAccessKey: string } } {
  const bucket = env.S3_BUCKET;
  if (!bucket) throw new ConfigError([{ name: "S3_BUCKET", expects: ENV_SPEC.S3_BUCKET.expects }]);
  const id = env.S3_ACCESS_KEY_ID;
  const secret = env.S3_SECRET_ACCESS_KEY;
  if (!!id !== !!secret) throw new ConfigError([{ name: id ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID", expects: "set together with its pair" }]);
  return {
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    region: env.S3_REGION,
    bucket,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    ...(id && secret ? { credentials: { accessKeyId: id, secretAccessKey: secret } } : {}),
  };
}

/**
 * The environment for a child process of the server's (the media process): this process's
 * own, with `extra` for names it does not set itself. Kept here, the one reader of process.env.
 */
export function childEnv(defaults: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(defaults)) out[name] ??= value;
  return out;
}

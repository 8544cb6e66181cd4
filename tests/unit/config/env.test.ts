import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, ENV_SPEC, env, parseEnv, publicUrl, sendLeaseMs } from "@/lib/config/env";

describe("configuration (lib/config/env.ts)", () => {
  it("gives every variable its default when the environment is empty", () => {
    const config = parseEnv({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATABASE_POOL_SIZE).toBe(10);
    expect(config.WHATSAPP_GRAPH_URL).toBe("https://graph.facebook.com/v23.0");
    expect(config.RUNTIME_POLL_MS).toBe(300);
    expect(config.WEBHOOK_FAST_PATH).toBe(true);
    expect(config.RUNTIME_DISABLED).toBe(false);
    expect(config.TZ_DISPLAY).toBe("America/Sao_Paulo");
    expect(config.PGLITE_DATA_DIR).toMatch(/\.data\/pglite$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("parses numbers, flags and URLs into typed values; an empty variable counts as unset", () => {
    const config = parseEnv({ PORT: "8080", RUNTIME_THREAD: "0", SEED_DEMO: "true", DATABASE_URL: "postgres://u:p@db:5432/atendo", RUNTIME_POLL_MS: "" });
    expect(config.PORT).toBe(8080);
    expect(config.RUNTIME_THREAD).toBe(false);
    expect(config.SEED_DEMO).toBe(true);
    expect(config.DATABASE_URL).toBe("postgres://u:p@db:5432/atendo");
    expect(config.RUNTIME_POLL_MS).toBe(300);
  });

  it("stops on a bad value, naming the variable, what it expects and the value it got", () => {
    let error: unknown;
    try {
      parseEnv({ RUNTIME_POLL_MS: "soon" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('RUNTIME_POLL_MS: expected a whole number of milliseconds, at least 1 (default 300) (got "soon")');
  });

  it("names every bad variable at once", () => {
    const problems = (() => {
      try {
        parseEnv({ PORT: "70000", DATABASE_URL: "mysql://db/atendo", TZ_DISPLAY: "Mars/Olympus", WEBHOOK_FAST_PATH: "maybe", SANDBOX_WEBHOOK_URL: "not a url" });
      } catch (e) {
        return (e as ConfigError).problems.map((p) => p.name);
      }
      return [];
    })();
    expect(problems.sort()).toEqual(["DATABASE_URL", "PORT", "SANDBOX_WEBHOOK_URL", "TZ_DISPLAY", "WEBHOOK_FAST_PATH"]);
  });

  it("never prints a secret's value", () => {
    const secret = "c2hvcnQ=";
    try {
      parseEnv({ ATENDO_ENCRYPTION_KEY: secret, DATABASE_URL: "http://user:hunter2@db" });
      expect.unreachable();
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain("ATENDO_ENCRYPTION_KEY: expected 32 bytes, base64-encoded");
      expect(message).toContain("DATABASE_URL: expected a PostgreSQL URL");
      expect(message).not.toContain(secret);
      expect(message).not.toContain("hunter2");
    }
  });

  it("accepts a 32-byte base64 encryption key", () => {
    expect(parseEnv({ ATENDO_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") }).ATENDO_ENCRYPTION_KEY).toBeDefined();
  });

  it("documents what every variable expects", () => {
    for (const [name, spec] of Object.entries(ENV_SPEC)) expect(spec.expects, name).not.toBe("");
  });
});

describe("the process's env object", () => {
  const touched: string[] = [];
  const set = (name: string, value: string) => {
    touched.push(name);
    process.env[name] = value;
  };
  afterEach(() => {
    for (const name of touched.splice(0)) delete process.env[name];
  });

  it("reads a variable once, on first use, and keeps it (a test may set it before that)", () => {
    set("ASSIGNER_POLL_MS", "25");
    expect(env.ASSIGNER_POLL_MS).toBe(25);
    set("ASSIGNER_POLL_MS", "99");
    expect(env.ASSIGNER_POLL_MS).toBe(25);
  });

  it("throws a ConfigError naming the variable when its first read finds a bad value", () => {
    set("SSE_HEARTBEAT_MS", "-5");
    expect(() => env.SSE_HEARTBEAT_MS).toThrow(/SSE_HEARTBEAT_MS: expected a whole number of milliseconds, at least 1/);
  });

  it("is frozen", () => {
    expect(Object.isFrozen(env)).toBe(true);
    expect(() => {
      (env as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
  });

  it("derives the defaults that depend on other variables", () => {
    set("PORT", "4321");
    set("WHATSAPP_GRAPH_TIMEOUT_MS", "2000");
    set("RUNTIME_SEND_LEASE_MS", "10");
    expect(publicUrl()).toBe("http://localhost:4321");
    // Never shorter than the Graph timeout plus a second: a send in flight is not claimed twice.
    expect(sendLeaseMs()).toBe(3000);
  });
});

describe("media storage settings", () => {
  it("defaults to the local disk under .data/media", () => {
    const parsed = parseEnv({});
    expect(parsed.MEDIA_STORAGE).toBe("local");
    expect(parsed.MEDIA_DIR.endsWith(`${".data"}/media`)).toBe(true);
  });

  it("names what S3 storage is missing, and never shows the secret", () => {
    expect(() => parseEnv({ MEDIA_STORAGE: "s3" })).toThrow(/S3_BUCKET/);
    expect(() => parseEnv({ MEDIA_STORAGE: "s3", S3_BUCKET: "atendo", S3_ACCESS_KEY_ID: "AKIA" })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => parseEnv({ MEDIA_STORAGE: "disk" })).toThrow(/MEDIA_STORAGE: expected local or s3/);
    expect(() => parseEnv({ S3_SECRET_ACCESS_KEY: "" })).not.toThrow();
    expect(parseEnv({ MEDIA_STORAGE: "s3", S3_BUCKET: "atendo", S3_FORCE_PATH_STYLE: "1" }).S3_FORCE_PATH_STYLE).toBe(true);
  });
});

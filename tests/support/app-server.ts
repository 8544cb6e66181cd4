import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export type AppServer = { url: string; port: number; process: ChildProcess; logs: () => string; stop: (signal?: NodeJS.Signals) => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The node flags `npm start` runs the server with (package.json). */
export const APP_NODE_FLAGS = ["--single-threaded-gc", "--max-semi-space-size=32", "--min-semi-space-size=32"];

/**
 * Starts the production build (the custom server, dist/server.js, and Next's build: `npm run
 * build`, run by `npm test` before the suites) on
 * a free port against the given database, and waits until it answers.
 */
export async function startAppServer(options: { databaseUrl?: string; pgliteDir?: string; env?: Record<string, string>; port?: number }): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const root = path.resolve(import.meta.dirname, "../..");
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    PORT: String(port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: "test-secret-test-secret-test-secret",
    HOST: "127.0.0.1",
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.pgliteDir) env.PGLITE_DATA_DIR = options.pgliteDir;
  // As `npm start` runs it: the custom server, whose SIGTERM drains the runtime (lib/server/shutdown.ts).
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, path.join(root, "dist/server.js")], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  }) as ChildProcess;
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`app server did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    process: child,
    logs: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

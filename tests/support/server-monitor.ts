import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AppServer } from "./app-server";

/** What an app server's main thread has seen so far (server-monitor-preload.mjs). */
export type ServerReport = {
  /** Uncaught exceptions, and the first few of them. */
  uncaught: number;
  firstUncaught: string[];
  /** The errors its stdout and stderr emitted (their codes: EPIPE once the reader is gone). */
  outputErrors: { stdout: string[]; stderr: string[] };
};

/**
 * Watches an app server from inside without changing its behaviour: start the server with
 * `env`, then `report(app)` asks the running process what it has seen.
 */
export function serverMonitor() {
  const dir = mkdtempSync(path.join(tmpdir(), "atendo-monitor-"));
  const file = path.join(dir, "report.json");
  const preload = pathToFileURL(path.join(import.meta.dirname, "server-monitor-preload.mjs")).href;
  return {
    env: {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${preload}`.trim(),
      ATENDO_TEST_MONITOR_REPORT: file,
    },
    /** Signals the process and awaits its answer, the report file (an event, not a fixed delay). */
    async report(app: AppServer, timeoutMs = 30_000): Promise<ServerReport> {
      rmSync(file, { force: true });
      app.process.kill("SIGUSR2");
      const deadline = Date.now() + timeoutMs;
      while (!existsSync(file)) {
        if (Date.now() > deadline) throw new Error("the app server did not answer SIGUSR2 with its report (is its event loop stuck?)");
        await new Promise((r) => setTimeout(r, 20));
      }
      return JSON.parse(readFileSync(file, "utf8")) as ServerReport;
    },
    /**
     * Runs `work`, failing as soon as the server has an uncaught exception: a server caught in
     * a loop of them answers nothing more, and `work` would otherwise only time out.
     */
    async failOnUncaught<T>(work: Promise<T>): Promise<T> {
      let done = false;
      const watch = (async () => {
        while (!done) {
          if (existsSync(`${file}.uncaught`)) throw new Error(`uncaught exception in the app server:\n${readFileSync(`${file}.uncaught`, "utf8")}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      try {
        return await Promise.race([work, watch.then(() => work)]);
      } finally {
        done = true;
      }
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

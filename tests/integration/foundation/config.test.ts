import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { startAppServer } from "../../support/app-server";

const dir = mkdtempSync(path.join(tmpdir(), "atendo-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a bad environment variable stops the start, naming the variable and what it expects", async () => {
  const started = startAppServer({ pgliteDir: dir, env: { RUNTIME_POLL_MS: "soon", TZ_DISPLAY: "Mars/Olympus" } });
  await expect(started).rejects.toThrow(/app server exited \(1\)/);
  const message = await started.catch((error: Error) => error.message);
  expect(message).toContain('RUNTIME_POLL_MS: expected a whole number of milliseconds, at least 1 (default 300) (got "soon")');
  expect(message).toContain('TZ_DISPLAY: expected an IANA time zone, e.g. America/Sao_Paulo (got "Mars/Olympus")');
});

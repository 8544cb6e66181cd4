import path from "node:path";
import { defineConfig } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3210);
export const E2E_BASE_URL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: path.join(root, "tests/e2e"),
  outputDir: path.join(root, "test-results", process.env.ATENDO_TEST_RUN ?? "local"),
  // e2e files share one app server and its demo data; they run one after another.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    // Requests made with page.request carry the session cookie like the app's own fetches;
    // like a browser, they must say which origin they come from (CSRF check, lib/auth/same-origin.ts).
    extraHTTPHeaders: { origin: E2E_BASE_URL },
    viewport: { width: 1280, height: 720 },
    locale: "es-ES",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: `node ${path.join(root, "tests/e2e/support/start-server.mjs")}`,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
    // SIGTERM, not the default SIGKILL: the server stops cleanly and its database is dropped.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});

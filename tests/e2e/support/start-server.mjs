// Starts the production build for the e2e suite on a fresh PostgreSQL database with the demo data.
// (Run by Node directly: Node 20 can't strip types, so this file is plain JavaScript in syntax.)
import { spawn } from "node:child_process";
import path from "node:path";
import postgres from "postgres";

const root = path.resolve(import.meta.dirname, "../../..");
const base = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
// Lower case: PostgreSQL folds the unquoted name in CREATE DATABASE, the URL would not.
const name = `atendo_e2e_${process.env.ATENDO_TEST_RUN || process.pid}`.toLowerCase();
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${name} with (force)`);
await admin.unsafe(`create database ${name}`);
await admin.end();
const url = new URL(base);
url.pathname = `/${name}`;

// As `npm start` runs it: the custom server (dist/server.js, built by `npm run build`).
const child = spawn(process.execPath, [path.join(root, "dist/server.js")], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url.toString(),
    SEED_DEMO: "1",
    PORT: process.env.E2E_PORT,
    HOST: "127.0.0.1",
    NEXTAUTH_URL: `http://127.0.0.1:${process.env.E2E_PORT}`,
    NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret",
  },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// The suite's database goes with the server: CI runs on a shared PostgreSQL.
child.on("exit", async (code) => {
  const cleanup = postgres(base, { max: 1, onnotice: () => {} });
  await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
  await cleanup.end();
  process.exit(code ?? 0);
});

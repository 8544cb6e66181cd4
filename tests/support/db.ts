import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { databaseUrl, TEST_DATABASE_URL } from "./env";
import { RUN_ID, TEMPLATE_DATABASE } from "./template-name";

export type TestDatabase = DatabaseConnection & {
  /** postgres:// URL of this file's database (undefined on the PGlite fallback). */
  url?: string;
  /** PGlite data folder on the fallback, to hand to an app server. */
  dataDir?: string;
  drop: () => Promise<void>;
};

/** A fresh, migrated database of this test file's own. */
export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  if (inject("dbMode") === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "atendo-pglite-"));
    const connection = await connectDatabase({ dataDir });
    await runMigrations(connection);
    return {
      ...connection,
      dataDir,
      drop: async () => {
        await connection.close().catch(() => {});
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `atendo_t_${RUN_ID}_${randomBytes(5).toString("hex")}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  // CREATE DATABASE … TEMPLATE fails while another session is connected to the template, and
  // files clone it concurrently: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`);
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = databaseUrl(name);
  const connection = await connectDatabase({ url, max: options.max ?? 10 });
  return {
    ...connection,
    url,
    drop: async () => {
      await connection.close().catch(() => {});
      const cleanup = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    },
  };
}

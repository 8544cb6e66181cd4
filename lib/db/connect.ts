import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import * as schema from "./schema";
import type { Db } from "./types";

export type DatabaseConnection =
  | { driver: "postgres"; db: Db; sql: Sql; url: string; close: () => Promise<void> }
  | { driver: "pglite"; db: Db; pglite: PGlite; close: () => Promise<void> };

export interface ConnectOptions {
  /** postgres:// URL; absent means the embedded PGlite database. */
  url?: string;
  /** Folder of the embedded database (default `.data/pglite`). */
  dataDir?: string;
  /** Pool size for postgres.js. */
  max?: number;
}

/** Opens a database. Modules import this lazily so `next build` never opens a database. */
export async function connectDatabase(options: ConnectOptions = {}): Promise<DatabaseConnection> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const sql = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
    const db = drizzle(sql, { schema }) as unknown as Db;
    return { driver: "postgres", db, sql, url: options.url, close: () => sql.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let dataDir = options.dataDir;
  if (dataDir === undefined) {
    dataDir = process.env.PGLITE_DATA_DIR || path.join(process.cwd(), ".data", "pglite");
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = new PGlite(dataDir === "memory://" ? undefined : dataDir);
  await pglite.waitReady;
  const db = drizzle(pglite, { schema }) as unknown as Db;
  return { driver: "pglite", db, pglite, close: () => pglite.close() };
}

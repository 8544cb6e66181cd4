import { mkdirSync } from "node:fs";
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
  /** Folder of the embedded database, or `memory://` (the app passes env.PGLITE_DATA_DIR). */
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
  const dataDir = options.dataDir;
  if (dataDir === undefined) throw new Error("connectDatabase: neither a PostgreSQL URL nor a PGlite data directory was given");
  if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir === "memory://" ? undefined : dataDir);
  await pglite.waitReady;
  const db = drizzle(pglite, { schema }) as unknown as Db;
  return { driver: "pglite", db, pglite, close: () => pglite.close() };
}

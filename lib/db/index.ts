import "server-only";
import { env } from "@/lib/config/env";
import { connectDatabase, type DatabaseConnection } from "./connect";
import { runMigrations } from "./migrate";
import type { Db } from "./types";

export type { Db, DbOrTx, Tx } from "./types";

// Kept on globalThis so Next's dev-mode module reloads and the instrumentation hook share one pool.
const state = globalThis as unknown as { __atendoDb?: Promise<DatabaseConnection> };

/** The process-wide database connection, opened lazily and migrated once. */
export function getConnection(): Promise<DatabaseConnection> {
  state.__atendoDb ??= (async () => {
    const connection = await connectDatabase({
      url: env.DATABASE_URL,
      max: env.DATABASE_POOL_SIZE,
      dataDir: env.PGLITE_DATA_DIR,
    });
    await runMigrations(connection);
    return connection;
  })().catch((error) => {
    state.__atendoDb = undefined;
    throw error;
  });
  return state.__atendoDb;
}

export async function getDb(): Promise<Db> {
  return (await getConnection()).db;
}

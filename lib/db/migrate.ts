import path from "node:path";
import type { DatabaseConnection } from "./connect";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Arbitrary constant: the advisory lock that keeps concurrently starting instances from migrating twice. */
const MIGRATION_LOCK_KEY = 7_142_001;

/** Applies the drizzle-kit migrations in `drizzle/`. Safe to call from several instances at once. */
export async function runMigrations(connection: DatabaseConnection, folder = MIGRATIONS_FOLDER): Promise<void> {
  if (connection.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(connection.db as never, { migrationsFolder: folder });
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { default: postgres } = await import("postgres");
  // A single-connection client, so the advisory lock and the migration share one session.
  const sql = postgres(connection.url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(sql), { migrationsFolder: folder });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

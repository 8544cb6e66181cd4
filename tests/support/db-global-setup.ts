import postgres from "postgres";
import { connectDatabase } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { databaseUrl, IN_CI, TEST_DATABASE_URL } from "./env";
import { RUN_ID, TEMPLATE_DATABASE } from "./template-name";

/**
 * Builds one migrated template database per run; each test file then clones it
 * (CREATE DATABASE … TEMPLATE), so files run in parallel on their own databases.
 */
export default async function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end().catch(() => {});
    if (IN_CI) throw new Error(`CI needs PostgreSQL at ${TEST_DATABASE_URL}: ${(error as Error).message}`);
    console.warn(`\n[atendo tests] PostgreSQL unreachable at ${TEST_DATABASE_URL}; integration tests fall back to PGlite.\n`);
    provide("dbMode", "pglite");
    return;
  }
  await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  const connection = await connectDatabase({ url: databaseUrl(TEMPLATE_DATABASE), max: 1 });
  await runMigrations(connection);
  await connection.close();
  await admin.end();
  provide("dbMode", "postgres");
  return async () => {
    const cleanup = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    const rows = await cleanup`select datname from pg_database where datname like ${`atendo_t_${RUN_ID}_%`} or datname = ${TEMPLATE_DATABASE}`;
    for (const { datname } of rows) await cleanup.unsafe(`drop database if exists "${datname}" with (force)`);
    await cleanup.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dbMode: "postgres" | "pglite";
  }
}

/** Where tests find PostgreSQL: TEST_DATABASE_URL, by default the local server's `test` database. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
export const IN_CI = process.env.CI === "true" || process.env.CI === "1";

/** A URL for another database on the same server. */
export function databaseUrl(name: string, base = TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

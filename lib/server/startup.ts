import "server-only";
import { getConnection } from "@/lib/db";
import { seed, DEMO_PASSWORD, DEMO_USERS } from "@/lib/db/seed/seed";

type StartupHook = () => Promise<void> | void;
const hooks: StartupHook[] = [];

/** Background parts (workers, listeners) register here; they start once the database is ready. */
export function onServerReady(hook: StartupHook): void {
  hooks.push(hook);
}

/** Migrates, seeds, prints how to sign in, then starts the registered background parts. */
export async function startServer(): Promise<void> {
  const connection = await getConnection();
  const demo = connection.driver === "pglite" || process.env.SEED_DEMO === "1";
  const { seededDemo } = await seed(connection.db, {
    demo,
    adminEmail: process.env.ADMIN_EMAIL,
    adminPassword: process.env.ADMIN_PASSWORD,
  });
  const url = process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`;
  const lines = [`Atendo is running on ${url} (database: ${connection.driver === "pglite" ? "embedded PGlite in .data/" : "PostgreSQL"})`];
  if (demo) {
    lines.push(seededDemo ? "Demo data created. Sign in with:" : "Demo sign-ins:");
    for (const user of DEMO_USERS) lines.push(`  ${user.role.padEnd(6)} ${user.email}  /  ${DEMO_PASSWORD}`);
  }
  console.log(lines.join("\n"));
  for (const hook of hooks) await hook();
}

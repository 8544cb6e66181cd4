import "server-only";
import { getConnection } from "@/lib/db";
import { seed, DEMO_PASSWORD, DEMO_USERS } from "@/lib/db/seed/seed";
import { env, publicUrl } from "@/lib/config/env";

type StartupHook = () => Promise<void> | void;
const hooks: StartupHook[] = [];

/** Background parts (workers, listeners) register here; they start once the database is ready. */
export function onServerReady(hook: StartupHook): void {
  hooks.push(hook);
}

/** Migrates, seeds, prints how to sign in, then starts the registered background parts. */
export async function startServer(): Promise<void> {
  const connection = await getConnection();
  const demo = connection.driver === "pglite" || env.SEED_DEMO;
  const { seededDemo } = await seed(connection.db, {
    demo,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
  });
  const url = publicUrl();
  const lines = [`Atendo is running on ${url} (database: ${connection.driver === "pglite" ? "embedded PGlite in .data/" : "PostgreSQL"})`];
  if (demo) {
    lines.push(seededDemo ? "Demo data created. Sign in with:" : "Demo sign-ins:");
    for (const user of DEMO_USERS) lines.push(`  ${user.role.padEnd(6)} ${user.email}  /  ${DEMO_PASSWORD}`);
  }
  console.log(lines.join("\n"));
  for (const hook of hooks) await hook();
}

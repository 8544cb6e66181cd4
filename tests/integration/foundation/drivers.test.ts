import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { seed } from "@/lib/db/seed/seed";
import { authenticate } from "@/lib/auth/authenticate";
import { createUser, listUsers, updateUser } from "@/lib/users/queries";
import { createTestDatabase } from "../../support/db";

type Setup = { name: string; open: () => Promise<DatabaseConnection & { drop?: () => Promise<void> }> };

const drivers: Setup[] = [
  { name: "postgres.js on PostgreSQL", open: () => createTestDatabase() },
  {
    name: "embedded PGlite",
    open: async () => {
      const connection = await connectDatabase({ dataDir: "memory://" });
      await runMigrations(connection);
      return connection;
    },
  },
];

describe.each(drivers)("$name", ({ open }) => {
  let connection: Awaited<ReturnType<Setup["open"]>>;

  beforeAll(async () => {
    connection = await open();
    // Running the migrations a second time is a no-op, as on every restart.
    await runMigrations(connection);
    await seed(connection.db, { demo: true });
  });

  afterAll(async () => {
    if (connection.drop) await connection.drop();
    else await connection.close();
  });

  test("the seed creates the demo users once, idempotently", async () => {
    await seed(connection.db, { demo: true });
    const emails = (await listUsers(connection.db)).map((u) => u.email).sort();
    expect(emails).toEqual(["admin@demo.atendo", "agent2@demo.atendo", "agent@demo.atendo", "editor@demo.atendo"]);
  });

  test("the same query functions create, update and authenticate users", async () => {
    const user = await createUser(connection.db, { name: "Carla", email: "carla@example.com", role: "agent", password: "s3cret-pass", queueIds: [], capacity: 3 }, null);
    expect(user).not.toHaveProperty("passwordHash");
    expect((await authenticate(connection.db, "CARLA@example.com", "s3cret-pass", "10.0.0.1")).ok).toBe(true);
    await updateUser(connection.db, user.id, { disabled: true }, null);
    expect(await authenticate(connection.db, "carla@example.com", "s3cret-pass", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
  });

  test("the last active admin can't be demoted", async () => {
    const admin = (await listUsers(connection.db)).find((u) => u.role === "admin")!;
    await expect(updateUser(connection.db, admin.id, { role: "agent" }, null)).rejects.toThrow(/last active admin/);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/lib/db/connect";
import { runMigrations } from "@/lib/db/migrate";
import { users } from "@/lib/db/schema";
import { seed } from "@/lib/db/seed/seed";
import { AppError } from "@/lib/errors/app-error";
import { flowChecksum } from "@/lib/flows/checksum";
import { createFlow, deleteFlow, getFlow, listFlows, saveDraft } from "@/lib/flows/queries";
import { listVersions, publishFlow, rollbackFlow } from "@/lib/flows/versions";
import { createTestDatabase } from "../../support/db";
import { sampleDocument } from "./client";

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

describe.each(drivers)("lib/flows on $name", ({ open }) => {
  let connection: Awaited<ReturnType<Setup["open"]>>;
  let editorId: string;

  beforeAll(async () => {
    connection = await open();
    await seed(connection.db, { demo: true });
    const [editor] = await connection.db.select().from(users).where(eq(users.email, "editor@demo.atendo"));
    editorId = editor!.id;
  });

  afterAll(async () => {
    if (connection.drop) await connection.drop();
    else await connection.close();
  });

  test("list shows the seeded demo flow as published, bound and unchanged", async () => {
    const [demo] = await listFlows(connection.db);
    expect(demo).toMatchObject({
      name: "Menú principal",
      activeVersion: { number: 1 },
      versionCount: 1,
      hasUnpublishedChanges: false,
      channels: [expect.objectContaining({ sandbox: true })],
    });
    expect(demo!.lastPublishedAt).toBeInstanceOf(Date);
  });

  test("create, save with revisions, publish, roll back", async () => {
    const flow = await createFlow(connection.db, { name: "Drivers", document: sampleDocument() }, editorId);
    const saved = await saveDraft(connection.db, flow.id, { document: sampleDocument({ welcome: "Otra" }), revision: 1 }, editorId);
    expect(saved.revision).toBe(2);
    const stale = await saveDraft(connection.db, flow.id, { document: sampleDocument(), revision: 1 }, editorId).catch((e) => e);
    expect(stale).toBeInstanceOf(AppError);
    expect(stale).toMatchObject({ code: "conflict", details: { currentRevision: 2 } });

    const first = await publishFlow(connection.db, flow.id, { note: "uno" }, editorId, "es");
    await saveDraft(connection.db, flow.id, { document: sampleDocument({ welcome: "Tercera" }), revision: 2 }, editorId);
    const second = await publishFlow(connection.db, flow.id, {}, editorId, "es");
    expect([first.version.number, second.version.number]).toEqual([1, 2]);
    expect(second.version.checksum).toBe(flowChecksum((await getFlow(connection.db, flow.id)).draft));
    expect(first.version.checksum).not.toBe(second.version.checksum);
    await rollbackFlow(connection.db, flow.id, 1, editorId);
    const versions = await listVersions(connection.db, flow.id);
    expect(versions.map((v) => [v.number, v.active, v.nodeCount, v.author?.name])).toEqual([
      [2, false, 4, "Eduardo Editor"],
      [1, true, 4, "Eduardo Editor"],
    ]);
    const summary = (await listFlows(connection.db)).find((f) => f.id === flow.id)!;
    expect(summary.activeVersion?.number).toBe(1);
    expect(summary.hasUnpublishedChanges).toBe(true); // the draft is v2's document, v1 is live
    await deleteFlow(connection.db, flow.id, editorId);
    await expect(getFlow(connection.db, flow.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { takeBackOwnLeases } from "@/lib/runtime/takeover";
import { createTestDatabase, type TestDatabase } from "../../support/db";

// Issue #20 item 16, the rule itself: at start an instance takes back the leases its own
// earlier boot held (same instance id, another boot id) — and nobody else's.

let database: TestDatabase;
const rows = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

type Lease = { instance: string | null; boot: string | null; status?: "pending" | "sent"; leasedForMs?: number | null };

async function outboxRow(lease: Lease): Promise<number> {
  const lockedUntil = lease.leasedForMs === null ? sql`null` : sql`now() + ${lease.leasedForMs ?? 60_000} * interval '1 millisecond'`;
  const [row] = rows<{ id: number }>(
    await database.db.execute(sql`insert into outbox (channel_id, contact_wa_id, kind, body, status, attempts, locked_until, lease_instance, lease_boot)
      values (${randomUUID()}, ${`5511${Math.floor(Math.random() * 1e9)}`}, 'message', '{}'::jsonb, ${lease.status ?? "pending"}::outbox_status, 1, ${lockedUntil}, ${lease.instance}, ${lease.boot})
      returning id`),
  );
  return Number(row!.id);
}

async function httpJob(lease: Lease): Promise<number> {
  const [row] = rows<{ id: number }>(
    await database.db.execute(sql`insert into inbox (channel_id, wa_message_id, contact_wa_id, wa_timestamp, type, payload, next_attempt_at, lease_instance, lease_boot)
      values (${randomUUID()}, ${`job-${randomUUID()}`}, '5511999990000', 1, 'http_request', '{}'::jsonb, now() + interval '2 minutes', ${lease.instance}, ${lease.boot})
      returning id`),
  );
  return Number(row!.id);
}

async function remainingMs(table: "outbox" | "inbox", id: number): Promise<number | null> {
  const column = table === "outbox" ? sql`locked_until` : sql`next_attempt_at`;
  const [row] = rows<{ ms: number | null }>(
    await database.db.execute(sql`select extract(epoch from (${column} - now())) * 1000 as ms from ${sql.identifier(table)} where id = ${id}`),
  );
  return row!.ms === null ? null : Number(row!.ms);
}

describe("taking back leases at start", () => {
  test("only our own instance's leases from another boot are taken back; other instances' still wait for expiry", async () => {
    const me = { instanceId: "instance-a", bootId: "boot-2" };
    const mineEarlierBoot = await outboxRow({ instance: "instance-a", boot: "boot-1" });
    const mineThisBoot = await outboxRow({ instance: "instance-a", boot: "boot-2" });
    const otherInstance = await outboxRow({ instance: "instance-b", boot: "boot-1" });
    const unknownHolder = await outboxRow({ instance: null, boot: null });
    const alreadySent = await outboxRow({ instance: "instance-a", boot: "boot-1", status: "sent" });
    const myJob = await httpJob({ instance: "instance-a", boot: "boot-1" });
    const otherJob = await httpJob({ instance: "instance-b", boot: "boot-1" });

    const taken = await takeBackOwnLeases(database.db as never, me, 0);
    expect(taken).toEqual({ outbox: 1, httpJobs: 1 });

    expect(await remainingMs("outbox", mineEarlierBoot)).toBeLessThanOrEqual(0);
    expect(await remainingMs("inbox", myJob)).toBeLessThanOrEqual(0);
    for (const id of [mineThisBoot, otherInstance, unknownHolder, alreadySent]) expect(await remainingMs("outbox", id)).toBeGreaterThan(50_000);
    expect(await remainingMs("inbox", otherJob)).toBeGreaterThan(100_000);
  });

  test("the grace only ever shortens a lease", async () => {
    const me = { instanceId: "instance-c", bootId: "boot-2" };
    const long = await outboxRow({ instance: "instance-c", boot: "boot-1", leasedForMs: 60_000 });
    const short = await outboxRow({ instance: "instance-c", boot: "boot-1", leasedForMs: 2_000 });
    expect(await takeBackOwnLeases(database.db as never, me, 5_000)).toEqual({ outbox: 2, httpJobs: 0 });
    const longLeft = (await remainingMs("outbox", long))!;
    expect(longLeft).toBeGreaterThan(0);
    expect(longLeft).toBeLessThanOrEqual(5_000);
    expect(await remainingMs("outbox", short)).toBeLessThanOrEqual(2_000);
  });
});

import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import type { LeaseHolder } from "./instance";
import { HTTP_JOB_TYPE } from "./process";
import { run } from "./sql";

/**
 * How long a taken-back send still waits (capped by its lease). A send that was in flight
 * when the process died may have been accepted by Meta: its `sent` status webhook, which
 * echoes the outbox row, marks it sent when it comes in — Meta retries it against the
 * restarted app at once — and then it is not sent a second time. A few seconds cover that;
 * a whole lease (about a minute) is what customers waited before.
 */
const TAKEOVER_GRACE_MS = Math.max(0, Number(process.env.RUNTIME_TAKEOVER_GRACE_MS ?? 5_000));

/**
 * At start: takes back the leases our own instance held in an earlier boot (it crashed or was
 * killed — a live instance never shares our instance id, see instance.ts), so its unsent
 * replies go out now rather than when the leases expire. Outbox rows become claimable after
 * the short grace above (the claim re-checks order and counts the attempt); HTTP jobs become
 * due at once (the call is made again: at-least-once, as after an expiry). Leases of other
 * instances are left to expire: their holders may be alive.
 */
export async function takeBackOwnLeases(db: Db, holder: LeaseHolder, graceMs = TAKEOVER_GRACE_MS): Promise<{ outbox: number; httpJobs: number }> {
  const [row] = await run<{ outbox: number; http_jobs: number }>(
    db,
    sql`with outbox_taken as (
        update outbox set locked_until = least(locked_until, now() + ${graceMs} * interval '1 millisecond')
        where status = 'pending' and locked_until > now()
          and lease_instance = ${holder.instanceId} and lease_boot <> ${holder.bootId}
        returning 1
      ),
      jobs_taken as (
        update inbox set next_attempt_at = now()
        where status = 'pending' and type = ${HTTP_JOB_TYPE} and next_attempt_at > now()
          and lease_instance = ${holder.instanceId} and lease_boot <> ${holder.bootId}
        returning 1
      )
      select (select count(*)::int from outbox_taken) as outbox, (select count(*)::int from jobs_taken) as http_jobs`,
  );
  return { outbox: Number(row?.outbox ?? 0), httpJobs: Number(row?.http_jobs ?? 0) };
}

import "server-only";
import { env } from "@/lib/config/env";
import type { Db } from "@/lib/db/types";
import type { LeaseHolder } from "./instance";
import { HTTP_JOB_TYPE } from "./process";
import { run, stmt } from "./sql";

/** The grace (see takeBackOwnLeases) counts from the first webhook this boot receives (the app answers again), or from this long after start. */
const WAIT_FOR_WEBHOOKS_MS = 15_000;
const POLL_MS = 250;

/**
 * Resolves once a webhook (message or status) has been stored since `since` (the database's
 * clock), or after `maxMs`. The runtime starts before the HTTP server answers; counting the
 * grace from then would spend it while Meta's redeliveries cannot get in yet.
 */
export async function webhooksFlowingSince(db: Db, since: string, signal?: AbortSignal, maxMs = WAIT_FOR_WEBHOOKS_MS): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline && !signal?.aborted) {
    // The newest row of each table, by primary key: two index lookups, whatever their size.
    const [row] = await run<{ seen: boolean }>(
      db,
      stmt`select coalesce((select received_at from inbox order by id desc limit 1) > ${since}::timestamptz, false)
        or coalesce((select received_at from status_events order by id desc limit 1) > ${since}::timestamptz, false) as seen`,
    );
    if (row?.seen) return true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return false;
}

/** The database's clock, as text (compared with its own timestamps: no clock skew with the app). */
export async function databaseNow(db: Db): Promise<string> {
  const [row] = await run<{ now: string }>(db, stmt`select now()::text as now`);
  return row!.now;
}

/**
 * At start: takes back the leases our own instance held in an earlier boot (it crashed or was
 * killed — a live instance never shares our instance id, see instance.ts), so its unsent
 * replies go out now rather than when the leases expire. Outbox rows become claimable after
 * a short grace, `RUNTIME_TAKEOVER_GRACE_MS` (loops.ts calls this once webhooks come in again):
 * a send that was in flight when the process died may have been accepted by Meta, and its
 * `sent` status webhook, which echoes the outbox row, marks it sent when Meta redelivers it
 * to the restarted app — then it is not sent a second time. A few seconds cover that; a whole
 * lease (about a minute) is what customers waited before. The claim then re-checks order and
 * counts the attempt. HTTP jobs become due at once (the call is made again: at-least-once, as after an expiry). Leases of other
 * instances are left to expire: their holders may be alive.
 */
export async function takeBackOwnLeases(db: Db, holder: LeaseHolder, graceMs = env.RUNTIME_TAKEOVER_GRACE_MS): Promise<{ outbox: number; httpJobs: number }> {
  const [row] = await run<{ outbox: number; http_jobs: number }>(
    db,
    stmt`with outbox_taken as (
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

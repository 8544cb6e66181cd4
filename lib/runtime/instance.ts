import "server-only";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/config/env";

/**
 * Who holds a lease. Every lease (an outbox row being sent, an HTTP job being called) records
 * the instance id and the boot id of its holder:
 *
 * - the **instance id** survives restarts: `ATENDO_INSTANCE_ID` when set (give each live
 *   instance its own — a container's stable name, a StatefulSet pod name); otherwise a random
 *   id kept in `.data/instance-id-<PORT>` (created on first start), so instances of one
 *   checkout on different ports — or in different data dirs — never share one, while a
 *   restart of the same one finds it again;
 * - the **boot id** is new every time the runtime starts (a process, or the runtime's thread
 *   after it was restarted).
 *
 * At start, leases of our own instance id but another boot id can only be those of our own
 * dead predecessor (two live instances never share an instance id), so they are taken back
 * at once instead of waiting for them to expire; other instances' leases still run out
 * first, since their holders may be alive.
 */
export type LeaseHolder = { instanceId: string; bootId: string };

let holder: LeaseHolder | undefined;

function persistentInstanceId(): string {
  if (env.ATENDO_INSTANCE_ID) return env.ATENDO_INSTANCE_ID;
  const file = path.join(process.cwd(), ".data", `instance-id-${env.PORT}`);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      // "wx": two threads racing to create it both end up reading the one that won.
      writeFileSync(file, randomUUID(), { flag: "wx" });
    } catch {
      // created meanwhile
    }
    return readFileSync(file, "utf8").trim();
  }
}

/** This runtime's lease holder (the boot id is fixed for the life of this thread). */
export function leaseHolder(): LeaseHolder {
  holder ??= { instanceId: persistentInstanceId(), bootId: randomUUID() };
  return holder;
}

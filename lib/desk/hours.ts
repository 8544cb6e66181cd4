import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { workspace } from "@/lib/db/schema";
import { businessHoursSchema, defaultBusinessHours, isOpen, nextOpening, type BusinessHours } from "@/lib/flow/business-hours";

export type HoursStatus = { timeZone: string; open: boolean; nextOpening: string | null };

/** The workspace's hours; the workspace's time zone wins over a stale copy inside the JSON. */
export async function workspaceHours(db: DbOrTx): Promise<{ hours: BusinessHours; outsideHoursMessage: string | null; timeZone: string }> {
  const [ws] = await db.select().from(workspace);
  const timeZone = ws?.timeZone ?? "America/Sao_Paulo";
  const parsed = businessHoursSchema.safeParse({ ...(ws?.businessHours as object), timeZone });
  const hours = parsed.success ? parsed.data : { ...defaultBusinessHours(), timeZone };
  return { hours, outsideHoursMessage: ws?.outsideHoursMessage ?? null, timeZone };
}

export async function hoursStatus(db: DbOrTx, now = new Date()): Promise<HoursStatus> {
  const { hours, timeZone } = await workspaceHours(db);
  const open = isOpen(hours, now);
  return { timeZone, open, nextOpening: open ? null : (nextOpening(hours, now)?.toISOString() ?? null) };
}

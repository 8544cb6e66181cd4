import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { workspace } from "@/lib/db/schema";
import { businessHoursSchema } from "@/lib/flow/business-hours";
import { AppError } from "@/lib/errors/app-error";
import { zodIssues } from "@/lib/errors/zod-issues";
import { recordAudit } from "@/lib/audit/record";
import type { HoursSettingsInput } from "../schemas";
import { workspaceHours } from "../hours";

export async function getHoursSettings(db: Db) {
  const { hours, outsideHoursMessage, timeZone } = await workspaceHours(db);
  return { timeZone, weekly: hours.weekly, holidays: [...hours.holidays].sort(), outsideHoursMessage };
}

/** Saves hours, holidays and the outside-hours message; the workspace time zone follows. */
export async function saveHoursSettings(db: Db, input: HoursSettingsInput, actorId: string | null) {
  const parsed = businessHoursSchema.safeParse({ timeZone: input.timeZone, weekly: input.weekly, holidays: [...new Set(input.holidays)].sort() });
  if (!parsed.success) throw new AppError("unprocessable", "Invalid business hours", { details: { issues: zodIssues(parsed.error) } });
  await db
    .update(workspace)
    .set({
      timeZone: parsed.data.timeZone,
      businessHours: parsed.data,
      // Also edited with the other customer texts (Settings → Customer messages): left alone when not sent.
      ...(input.outsideHoursMessage !== undefined ? { outsideHoursMessage: input.outsideHoursMessage || null } : {}),
      updatedAt: new Date(),
    })
    .where(eq(workspace.id, 1));
  await recordAudit(db, { actorId, action: "workspace.hours", entityType: "workspace", entityId: "1", details: { timeZone: parsed.data.timeZone, holidays: parsed.data.holidays.length } });
  return getHoursSettings(db);
}

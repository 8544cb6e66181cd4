import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { channels, messageTemplates } from "@/lib/db/schema";
import { publishEvent } from "@/lib/realtime/events";
import type { TemplateStatusEvent } from "@/lib/whatsapp/webhook-events";

/** Meta's `event` values that are not a status of their own. */
const EVENT_STATUS: Record<string, string> = { REINSTATED: "APPROVED", FLAGGED: "" };

/**
 * Applies `message_template_status_update` webhooks: the templates of every channel of that
 * WABA (the signature was checked against those channels) take the new status and reason.
 * Matched by Meta's template id, or by name and language for rows synced before it was known.
 * Returns how many rows changed. Rare (a few per template's life), so plain statements.
 */
export async function applyTemplateStatuses(db: Db, events: { channelIds: string[]; event: TemplateStatusEvent }[]): Promise<number> {
  let changed = 0;
  for (const { channelIds, event } of events) {
    const status = EVENT_STATUS[event.event] ?? event.event;
    // FLAGGED is a quality warning: the template is still sendable until Meta pauses it.
    if (!status || channelIds.length === 0) continue;
    const byName = event.name && event.language ? and(eq(messageTemplates.name, event.name), eq(messageTemplates.language, event.language)) : undefined;
    const match = event.templateId ? (byName ? or(eq(messageTemplates.metaId, event.templateId), byName) : eq(messageTemplates.metaId, event.templateId)) : byName;
    if (!match) continue;
    const rows = await db
      .update(messageTemplates)
      .set({
        status,
        rejectionReason: status === "REJECTED" || status === "PAUSED" || status === "DISABLED" ? (event.reason && event.reason !== "NONE" ? event.reason : null) : null,
        ...(event.templateId ? { metaId: event.templateId } : {}),
        updatedAt: new Date(),
      })
      .where(and(inArray(messageTemplates.channelId, channelIds), match))
      .returning({ channelId: messageTemplates.channelId });
    changed += rows.length;
    for (const channelId of new Set(rows.map((r) => r.channelId))) await publishEvent(db, { type: "templates.changed", channelId });
  }
  return changed;
}

/** The channels of a WABA, for routing its template webhooks. */
export async function channelsOfWaba(db: Db, wabaIds: string[]): Promise<{ id: string; wabaId: string | null }[]> {
  if (wabaIds.length === 0) return [];
  return db.select({ id: channels.id, wabaId: channels.wabaId }).from(channels).where(inArray(channels.wabaId, wabaIds));
}

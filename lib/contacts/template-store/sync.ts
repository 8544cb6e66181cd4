import "server-only";
import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { messageTemplates } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import type { MetaTemplate } from "@/lib/contacts/templates/schema";
import { listGraphTemplates } from "@/lib/whatsapp/graph-templates";
import { graphCallError, templateChannel } from "./graph";

export type SyncResult = { total: number; created: number; updated: number; removed: number };

function rowValues(channelId: string, wabaId: string, t: MetaTemplate, now: Date) {
  return {
    channelId,
    wabaId,
    metaId: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    status: t.status,
    // Meta answers "NONE" for templates that were not rejected.
    rejectionReason: t.status === "REJECTED" && t.rejected_reason && t.rejected_reason !== "NONE" ? t.rejected_reason : null,
    parameterFormat: t.parameter_format ?? ("POSITIONAL" as const),
    components: t.components,
    syncedAt: now,
    deletedAt: null,
    updatedAt: now,
  };
}

/**
 * Brings a channel's templates in line with its WABA: every page of Meta's list is read
 * first, then written in one transaction (an interrupted sync changes nothing). Templates
 * are matched by name and language; those Meta no longer lists are marked deleted (kept,
 * since sent messages name them) and stop being offered.
 */
export async function syncChannelTemplates(db: Db, channelId: string, actorId: string | null): Promise<SyncResult> {
  const { wabaId, baseUrl, accessToken } = await templateChannel(db, channelId);
  const listed = await listGraphTemplates(baseUrl, wabaId, accessToken);
  if (!listed.ok) throw graphCallError(listed, "list the templates");
  const templates = listed.value;
  const now = new Date();
  return db.transaction(async (tx) => {
    // One sync per channel at a time: two concurrent ones would race on the deletions.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`templates:${channelId}`}))`);
    const before = await tx
      .select({ name: messageTemplates.name, language: messageTemplates.language, deletedAt: messageTemplates.deletedAt })
      .from(messageTemplates)
      .where(eq(messageTemplates.channelId, channelId));
    const live = new Set(before.filter((r) => !r.deletedAt).map((r) => `${r.name}\u0000${r.language}`));
    let created = 0;
    for (const t of templates) {
      if (!live.has(`${t.name}\u0000${t.language}`)) created++;
      const values = rowValues(channelId, wabaId, t, now);
      await tx
        .insert(messageTemplates)
        .values(values)
        .onConflictDoUpdate({ target: [messageTemplates.channelId, messageTemplates.name, messageTemplates.language], set: values });
    }
    const keep = templates.map((t) => t.id);
    const removedRows = await tx
      .update(messageTemplates)
      .set({ deletedAt: now, updatedAt: now })
      .where(
        and(
          eq(messageTemplates.channelId, channelId),
          isNull(messageTemplates.deletedAt),
          keep.length > 0 ? sql`(${messageTemplates.metaId} is null or ${notInArray(messageTemplates.metaId, keep)})` : undefined,
        ),
      )
      .returning({ id: messageTemplates.id });
    const result = { total: templates.length, created, updated: templates.length - created, removed: removedRows.length };
    await recordAudit(tx, { actorId, action: "templates.sync", entityType: "channel", entityId: channelId, details: result });
    await publishEvent(tx, { type: "templates.changed", channelId });
    return result;
  });
}

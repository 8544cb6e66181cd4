import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { messageTemplates } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import { publishEvent } from "@/lib/realtime/events";
import { draftComponents, type TemplateDraft } from "@/lib/contacts/templates/draft";
import { submitGraphTemplate } from "@/lib/whatsapp/graph-templates";
import { graphCallError, templateChannel } from "./graph";
import type { TemplateRow } from "./queries";

/**
 * Submits a new template to the channel's WABA for Meta's review and keeps it as Meta
 * answered (PENDING, usually); the status webhook or the next sync moves it on. A name and
 * language the channel already has is refused before anything is sent.
 */
export async function submitTemplate(db: Db, channelId: string, draft: TemplateDraft, actorId: string | null): Promise<TemplateRow> {
  const { wabaId, baseUrl, accessToken } = await templateChannel(db, channelId);
  const [existing] = await db
    .select({ id: messageTemplates.id, deletedAt: messageTemplates.deletedAt })
    .from(messageTemplates)
    .where(and(eq(messageTemplates.channelId, channelId), eq(messageTemplates.name, draft.name), eq(messageTemplates.language, draft.language)));
  if (existing && !existing.deletedAt) {
    throw new AppError("conflict", `A template ${draft.name} in ${draft.language} already exists`, { details: { issues: [{ path: "name", message: "Already exists in this language" }] } });
  }
  const components = draftComponents(draft);
  const submitted = await submitGraphTemplate(baseUrl, wabaId, accessToken, { name: draft.name, language: draft.language, category: draft.category, components });
  if (!submitted.ok) throw graphCallError(submitted, "accept the template");
  const now = new Date();
  const values = {
    channelId,
    wabaId,
    metaId: submitted.value.id,
    name: draft.name,
    language: draft.language,
    category: submitted.value.category ?? draft.category,
    status: submitted.value.status,
    rejectionReason: null,
    parameterFormat: "POSITIONAL" as const,
    components,
    syncedAt: null,
    deletedAt: null,
    updatedAt: now,
  };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(messageTemplates)
      .values(values)
      .onConflictDoUpdate({ target: [messageTemplates.channelId, messageTemplates.name, messageTemplates.language], set: values })
      .returning();
    await recordAudit(tx, { actorId, action: "template.submit", entityType: "message_template", entityId: row!.id, details: { name: draft.name, language: draft.language, category: draft.category } });
    await publishEvent(tx, { type: "templates.changed", channelId });
    return row!;
  });
}

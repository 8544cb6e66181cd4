import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { messageTemplates } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import type { TemplateSummary } from "./types";
import { checkTemplateParameters, templateContent, type TemplateContent, type TemplateParams } from "@/lib/contacts/templates";
import { assertLibraryHeader } from "./library-header";

export type TemplateRow = typeof messageTemplates.$inferSelect;

/** Templates as synced (not those Meta no longer lists), by channel, name and language. */
export async function listTemplates(db: DbOrTx, filter: { channelId?: string; approvedOnly?: boolean } = {}): Promise<TemplateRow[]> {
  const where = [isNull(messageTemplates.deletedAt)];
  if (filter.channelId) where.push(eq(messageTemplates.channelId, filter.channelId));
  if (filter.approvedOnly) where.push(eq(messageTemplates.status, "APPROVED"));
  return db
    .select()
    .from(messageTemplates)
    .where(and(...where))
    .orderBy(asc(messageTemplates.channelId), asc(messageTemplates.name), asc(messageTemplates.language));
}

/** A template as the desk and the API show it to senders. */
export function templateSummary(row: TemplateRow): TemplateSummary {
  return {
    id: row.id,
    channelId: row.channelId,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    rejectionReason: row.rejectionReason,
    parameterFormat: row.parameterFormat,
    components: row.components,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The content for sending template `templateId` of `channelId` with `params`: 422 when the
 * template is unknown on that channel, not approved, its variables don't match, or its media
 * header names a library file that is missing or of another kind (each problem named in
 * `details.issues`). Every template send from the desk and the API goes through here.
 */
export async function sendableTemplate(tx: DbOrTx, channelId: string, templateId: string, params: TemplateParams): Promise<TemplateContent> {
  const [template] = await tx
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.id, templateId), eq(messageTemplates.channelId, channelId), isNull(messageTemplates.deletedAt)));
  if (!template) {
    throw new AppError("unprocessable", "Unknown template for this channel", { details: { issues: [{ path: "templateId", message: "Unknown template" }] } });
  }
  if (template.status !== "APPROVED") {
    throw new AppError("unprocessable", `The template ${template.name} (${template.language}) is ${template.status.toLowerCase()}, not approved`, {
      details: { reason: "template_not_approved", issues: [{ path: "templateId", message: `Status ${template.status}` }] },
    });
  }
  const problems = checkTemplateParameters(template, params);
  if (problems.length > 0) {
    throw new AppError("unprocessable", `The template's variables don't match: ${problems.map((p) => p.message).join("; ")}`, {
      details: { reason: "template_parameters", issues: problems },
    });
  }
  const content = templateContent(template, params);
  if (content.headerMedia) await assertLibraryHeader(tx, content.headerMedia);
  return content;
}

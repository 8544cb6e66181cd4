import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { messageTemplates } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { assertLibraryHeader } from "@/lib/contacts/template-store/library-header";
import type { HeaderMediaKind } from "@/lib/contacts/templates";
import { campaignVariables, mediaHeaderVariable } from "./message";
import type { CampaignTemplate, VariableMapping } from "./types";

/**
 * The template a campaign will send, as a snapshot. Only an APPROVED template of the campaign's
 * channel can be chosen: Meta refuses the others (132001).
 */
export async function campaignTemplate(db: DbOrTx, channelId: string, templateId: string): Promise<CampaignTemplate> {
  const [row] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.id, templateId), eq(messageTemplates.channelId, channelId), isNull(messageTemplates.deletedAt)));
  if (!row) throw new AppError("unprocessable", "Unknown template for this channel", { details: { issues: [{ path: "templateId", message: "Unknown template" }] } });
  if (row.status !== "APPROVED") {
    throw new AppError("unprocessable", `The template ${row.name} (${row.language}) is ${row.status.toLowerCase()}: only approved templates can be sent`, {
      details: { reason: "template_not_approved", issues: [{ path: "templateId", message: `Status ${row.status}` }] },
    });
  }
  const category = row.category === "UTILITY" || row.category === "AUTHENTICATION" ? row.category : "MARKETING";
  const like = { name: row.name, language: row.language, components: row.components, parameterFormat: row.parameterFormat };
  return { ...like, category, variables: campaignVariables(like) };
}

/**
 * The template with its media header's library file, when the mapping gives the header one
 * (422 naming the header when the file is not in the library or not of the header's kind).
 */
export async function withLibraryHeader(db: DbOrTx, template: CampaignTemplate, mapping: VariableMapping): Promise<CampaignTemplate> {
  const variable = mediaHeaderVariable(template);
  const source = variable ? mapping[variable] : undefined;
  if (source?.source !== "library") return template;
  await assertLibraryHeader(db, { kind: variable!.slice("header.".length) as HeaderMediaKind, url: "", libraryId: source.libraryId });
  return { ...template, headerLibraryId: source.libraryId };
}

/** The template's current status (status webhooks and syncs keep it): a PAUSED or DISABLED one stops its campaigns. */
export async function templateStatus(db: DbOrTx, templateId: string | null): Promise<string | null> {
  if (!templateId) return null;
  const [row] = await db.select({ status: messageTemplates.status }).from(messageTemplates).where(eq(messageTemplates.id, templateId));
  return row?.status ?? null;
}

import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { messageTemplates } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { campaignVariables } from "./message";
import type { CampaignTemplate } from "./types";

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

/** The template's current status (status webhooks and syncs keep it): a PAUSED or DISABLED one stops its campaigns. */
export async function templateStatus(db: DbOrTx, templateId: string | null): Promise<string | null> {
  if (!templateId) return null;
  const [row] = await db.select({ status: messageTemplates.status }).from(messageTemplates).where(eq(messageTemplates.id, templateId));
  return row?.status ?? null;
}

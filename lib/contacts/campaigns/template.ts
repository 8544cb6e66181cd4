import "server-only";
import { eq } from "drizzle-orm";
import { messageTemplates } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import type { CampaignTemplate } from "./types";

/**
 * The template a campaign will send, as a snapshot (name, language, category, variables).
 * Only an APPROVED template can be chosen: Meta refuses the others (132001).
 *
 * The one place campaigns read the template list: variables are the body's {{n}} numbers.
 */
export async function campaignTemplate(db: DbOrTx, templateId: string): Promise<CampaignTemplate> {
  const [row] = await db.select().from(messageTemplates).where(eq(messageTemplates.id, templateId));
  if (!row) throw new AppError("unprocessable", "No such template", { details: { issues: [{ path: "templateId", message: "No such template" }] } });
  const record = row as typeof row & { status?: string; category?: string };
  if (record.status && record.status !== "APPROVED") {
    throw new AppError("unprocessable", `The template is ${record.status.toLowerCase()}: only approved templates can be sent`, {
      details: { issues: [{ path: "templateId", message: `Template status ${record.status}` }] },
    });
  }
  const category = record.category === "UTILITY" || record.category === "AUTHENTICATION" ? record.category : "MARKETING";
  const numbers = [...new Set([...row.bodyText.matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  return { name: row.name, language: row.language, category, bodyText: row.bodyText, variables: numbers.map((n) => `body.${n}`) };
}

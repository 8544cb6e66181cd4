import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { workspace } from "@/lib/db/schema";
import { type CsatTexts, resolveCsatTexts } from "./texts";

/** The survey texts a queue sends when an admin wrote none: the workspace language's defaults. */
export async function workspaceCsatDefaults(db: DbOrTx): Promise<CsatTexts> {
  const [ws] = await db.select({ locale: workspace.defaultLocale }).from(workspace);
  const { question, commentPrompt, thanks } = resolveCsatTexts(ws?.locale, {});
  return { question, commentPrompt, thanks };
}
